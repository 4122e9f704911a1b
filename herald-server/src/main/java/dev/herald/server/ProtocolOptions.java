package dev.herald.server;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.Option;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Which protocols the application's port speaks. HTTP/1.1 always; with TLS (a certificate and key in PEM files, or a
 * self-signed certificate made at start) also HTTP/2, which browsers negotiate by ALPN; without TLS, HTTP/2 in clear
 * text (h2c) only when asked, for a proxy in front.
 *
 * @param tlsCert    a PEM file holding the certificate, then any intermediate certificates (option {@code tls-cert});
 *                   null for none. Needs {@code tlsKey}
 * @param tlsKey     a PEM file holding the certificate's private key: PKCS #8 ({@code BEGIN PRIVATE KEY}), or RSA or
 *                   EC in their older forms (option {@code tls-key}); null for none. Needs {@code tlsCert}
 * @param selfSigned TLS with a certificate for {@code localhost} made at start, for development only (option
 *                   {@code self-signed}); not with {@code tlsCert} or {@code tlsKey}
 * @param h2c        HTTP/2 without TLS besides HTTP/1.1 (option {@code h2c}); not with TLS, where browsers get HTTP/2
 *                   by ALPN
 * @throws InvalidOptionException when the options contradict each other, a file cannot be read, a file holds no
 *                                valid PEM certificate or key, or the key does not belong to the certificate
 */
public record ProtocolOptions(Path tlsCert, Path tlsKey, boolean selfSigned, boolean h2c) {

    /** A path; the record reads and checks the file. */
    public static final Option<String> TLS_CERT = Option.of("tls-cert", String.class)
            .description("PEM file with the certificate (then any intermediates) for HTTPS and HTTP/2; needs tls-key");

    public static final Option<String> TLS_KEY = Option.of("tls-key", String.class)
            .description("PEM file with the certificate's private key (BEGIN PRIVATE KEY, or its RSA or EC form)");

    public static final Option<Boolean> SELF_SIGNED = Option.of("self-signed", Boolean.class).defaultsTo(false)
            .description("HTTPS and HTTP/2 with a certificate for localhost made at start, for development only; not "
                    + "with tls-cert");

    public static final Option<Boolean> H2C = Option.of("h2c", Boolean.class).defaultsTo(false)
            .description("Also speak HTTP/2 without TLS (h2c, by prior knowledge or upgrade), for a proxy in front; "
                    + "browsers speak HTTP/2 only over TLS");

    public ProtocolOptions {
        if (selfSigned && (tlsCert != null || tlsKey != null)) {
            throw new InvalidOptionException("self-signed", "cannot be combined with "
                    + (tlsCert != null ? "--tls-cert" : "--tls-key")
                    + ": either Herald makes a certificate or it uses yours");
        }
        if (tlsCert != null && tlsKey == null) {
            throw new InvalidOptionException("tls-cert", "needs --tls-key, the file with the certificate's private key");
        }
        if (tlsKey != null && tlsCert == null) {
            throw new InvalidOptionException("tls-key", "needs --tls-cert, the file with the certificate");
        }
        if (h2c && (tlsCert != null || selfSigned)) {
            throw new InvalidOptionException("h2c", "is HTTP/2 without TLS, for a proxy in front; with TLS, HTTP/2 is "
                    + "offered anyway (ALPN)");
        }
        if (tlsCert != null) {
            checkPair(tlsCert, tlsKey);
        }
    }

    /** HTTP/1.1 without TLS, the default. */
    public static ProtocolOptions cleartext() {
        return new ProtocolOptions(null, null, false, false);
    }

    /** TLS with the certificate and key in these PEM files, which are read and checked here. */
    public static ProtocolOptions tls(Path certFile, Path keyFile) {
        return new ProtocolOptions(certFile, keyFile, false, false);
    }

    /** TLS with a certificate for {@code localhost} made at start: for development only. */
    public static ProtocolOptions withSelfSigned() {
        return new ProtocolOptions(null, null, true, false);
    }

    /** HTTP/1.1 and HTTP/2 without TLS, for a proxy in front. */
    public static ProtocolOptions withH2c() {
        return new ProtocolOptions(null, null, false, true);
    }

    /** Whether the port speaks TLS. */
    public boolean tls() {
        return tlsCert != null || selfSigned;
    }

    /** {@code https} with TLS, else {@code http}. */
    public String scheme() {
        return tls() ? "https" : "http";
    }

    /**
     * The certificate and key for Vert.x: the files, or a self-signed certificate made now (a new key on every call).
     *
     * @throws IllegalStateException without TLS
     */
    PemKeyCertOptions keyCertOptions() {
        if (tlsCert != null) {
            return new PemKeyCertOptions().setCertPath(tlsCert.toString()).setKeyPath(tlsKey.toString());
        }
        if (selfSigned) {
            DevelopmentCertificate.Pem pem = DevelopmentCertificate.generate();
            return new PemKeyCertOptions().setCertValue(Buffer.buffer(pem.certificate()))
                    .setKeyValue(Buffer.buffer(pem.privateKey()));
        }
        throw new IllegalStateException("no TLS without --tls-cert and --tls-key or --self-signed");
    }

    /**
     * Reads both files and has Vert.x parse them as it will at start (so a file accepted here also loads there), then
     * checks that the key signs what the certificate's public key verifies.
     */
    private static void checkPair(Path certFile, Path keyFile) {
        String cert = read("tls-cert", certFile);
        String key = read("tls-key", keyFile);
        if (!cert.contains("-----BEGIN CERTIFICATE-----")) {
            throw new InvalidOptionException("tls-cert", certFile + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        if (!key.matches("(?s).*-----BEGIN (RSA |EC )?PRIVATE KEY-----.*")) {
            throw new InvalidOptionException("tls-key", keyFile + " holds no PEM private key (-----BEGIN PRIVATE KEY-----, "
                    + "or its RSA or EC form)");
        }
        try {
            CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(cert.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (CertificateException invalid) {
            throw new InvalidOptionException("tls-cert", certFile + " holds no valid certificate: " + oneLine(invalid));
        }
        X509KeyManager keyManager;
        try {
            // Vert.x's own parser; it touches the Vertx instance only to read paths, and values are given here.
            KeyManager[] managers = new PemKeyCertOptions().setCertValue(Buffer.buffer(cert)).setKeyValue(Buffer.buffer(key))
                    .getKeyManagerFactory(null).getKeyManagers();
            keyManager = (X509KeyManager) managers[0];
        } catch (Exception invalid) {
            // the certificate was read above: what fails here is the key, or the key with that certificate
            throw new InvalidOptionException("tls-key", "cannot use the key in " + keyFile + " with the certificate in "
                    + certFile + ": " + oneLine(invalid));
        }
        String alias = aliasOf(keyManager);
        if (alias == null) {
            throw new InvalidOptionException("tls-key", keyFile + " holds neither an RSA nor an EC private key");
        }
        if (!belongTogether(keyManager.getPrivateKey(alias), keyManager.getCertificateChain(alias)[0])) {
            throw new InvalidOptionException("tls-key", "the key in " + keyFile + " does not belong to the certificate in "
                    + certFile);
        }
    }

    private static String aliasOf(X509KeyManager keyManager) {
        for (String keyType : new String[] {"RSA", "EC"}) {
            String[] aliases = keyManager.getServerAliases(keyType, null);
            if (aliases != null && aliases.length > 0) {
                return aliases[0];
            }
        }
        return null;
    }

    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] probe = "herald".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException mismatched) {
            return false; // for example an EC key with an RSA certificate
        }
    }

    private static String read(String option, Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException missing) {
            throw new InvalidOptionException(option, "no such file: " + file);
        } catch (AccessDeniedException denied) {
            throw new InvalidOptionException(option, "cannot read " + file + ": permission denied");
        } catch (IOException | RuntimeException unreadable) {
            throw new InvalidOptionException(option, "cannot read " + file + ": " + oneLine(unreadable));
        }
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
