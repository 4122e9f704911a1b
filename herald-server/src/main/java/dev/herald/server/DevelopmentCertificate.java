package dev.herald.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A self-signed certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, made at start for
 * {@code --self-signed}: an EC P-256 key and an X.509 v3 certificate signed with it (SHA256withECDSA), both in PEM.
 *
 * <p>Made by the JDK's own {@code keytool} (its {@code -genkeypair}, into a PKCS #12 file in a private temporary
 * directory, read back with {@link KeyStore} and deleted), so that no certificate encoding is written here and no
 * library is added for a development convenience: Vert.x's {@code SelfSignedCertificate} is deprecated for removal,
 * and Bouncy Castle would add some 9 MiB to the jar. A runtime image without {@code keytool} (a jlink image that left
 * out {@code jdk.jartool}) cannot use {@code --self-signed}, and is told so.
 */
final class DevelopmentCertificate {

    /** How long the certificate is valid from its making: a development process rarely runs that long. */
    static final Duration VALIDITY = Duration.ofDays(365);
    /** How far before its making it is valid from, for clocks that drift. */
    static final Duration BACKDATED = Duration.ofHours(1);
    static final String HOST = "localhost";

    private static final String ALIAS = "herald";
    private static final long KEYTOOL_PATIENCE_SECONDS = 60;

    /** The certificate and its private key (PKCS #8), as PEM text. */
    record Pem(String certificate, String privateKey) {
    }

    private DevelopmentCertificate() {
    }

    /**
     * A new key and a certificate valid from {@link #BACKDATED} before now for {@link #VALIDITY}.
     *
     * @throws IllegalStateException when {@code keytool} is missing or fails, with its words
     */
    static Pem generate() {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IllegalStateException("--self-signed needs the JDK's keytool, which this Java does not have ("
                    + keytool + "); give a certificate with --tls-cert and --tls-key instead");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("herald-self-signed");
            Path store = dir.resolve("development.p12");
            char[] password = password();
            run(List.of(keytool.toString(), "-genkeypair", "-noprompt",
                    "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(password),
                    "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-dname", "CN=" + HOST, "-ext", "SAN=dns:" + HOST + ",ip:127.0.0.1,ip:::1",
                    "-startdate", "-" + BACKDATED.toHours() + "H", "-validity", Long.toString(VALIDITY.toDays())));
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, password);
            }
            return new Pem(pem("CERTIFICATE", keys.getCertificate(ALIAS).getEncoded()),
                    pem("PRIVATE KEY", keys.getKey(ALIAS, password).getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(KEYTOOL_PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within " + KEYTOOL_PATIENCE_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("keytool failed (exit " + process.exitValue() + "): " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while keytool made the certificate", e);
        }
    }

    /** A throwaway password: the store lives a moment in a directory only this user reads. */
    private static char[] password() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random).toCharArray();
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind holds a development key that was never trusted by anyone
        }
    }
}
