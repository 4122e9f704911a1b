package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.options.InvalidOptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol options are checked where their record is built: combinations, files, PEM, and a key that fits. */
class ProtocolOptionsTest {

    @TempDir
    Path dir;

    /** A certificate and its key written to {@code dir}; returns the certificate's file, the key's is "key.pem". */
    private Path writePair(String prefix) throws Exception {
        DevelopmentCertificate.Pem pem = DevelopmentCertificate.generate();
        Files.writeString(dir.resolve(prefix + "key.pem"), pem.privateKey());
        return Files.writeString(dir.resolve(prefix + "cert.pem"), pem.certificate());
    }

    private static void assertRefused(Runnable build, String option, String problem) {
        assertThatThrownBy(build::run).isInstanceOfSatisfying(InvalidOptionException.class, e -> {
            assertThat(e.option()).isEqualTo(option);
            assertThat(e.problem()).isEqualTo(problem);
        });
    }

    @Test
    void theDefaultIsHttp1WithoutTls() {
        ProtocolOptions cleartext = ProtocolOptions.cleartext();
        assertThat(cleartext.tls()).isFalse();
        assertThat(cleartext.h2c()).isFalse();
        assertThat(cleartext.scheme()).isEqualTo("http");
        assertThat(HeraldConfig.defaults().protocols()).isEqualTo(cleartext);
    }

    @Test
    void aCertificateAndItsKeyAreTaken() throws Exception {
        Path cert = writePair("");
        ProtocolOptions tls = ProtocolOptions.tls(cert, dir.resolve("key.pem"));
        assertThat(tls.tls()).isTrue();
        assertThat(tls.scheme()).isEqualTo("https");
        assertThat(tls.keyCertOptions().getCertPath()).isEqualTo(cert.toString());
    }

    @Test
    void selfSignedMakesACertificateForEachServer() {
        ProtocolOptions selfSigned = ProtocolOptions.withSelfSigned();
        assertThat(selfSigned.tls()).isTrue();
        assertThat(selfSigned.keyCertOptions().getCertValue().toString()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void selfSignedIsNotCombinedWithACertificateOrAKey() throws Exception {
        Path cert = writePair("");
        assertRefused(() -> new ProtocolOptions(cert, dir.resolve("key.pem"), true, false), "self-signed",
                "cannot be combined with --tls-cert: either Herald makes a certificate or it uses yours");
        assertRefused(() -> new ProtocolOptions(null, dir.resolve("key.pem"), true, false), "self-signed",
                "cannot be combined with --tls-key: either Herald makes a certificate or it uses yours");
    }

    @Test
    void aCertificateNeedsItsKeyAndAKeyItsCertificate() throws Exception {
        Path cert = writePair("");
        assertRefused(() -> new ProtocolOptions(cert, null, false, false), "tls-cert",
                "needs --tls-key, the file with the certificate's private key");
        assertRefused(() -> new ProtocolOptions(null, dir.resolve("key.pem"), false, false), "tls-key",
                "needs --tls-cert, the file with the certificate");
    }

    @Test
    void h2cIsForCleartextOnly() throws Exception {
        Path cert = writePair("");
        assertRefused(() -> new ProtocolOptions(cert, dir.resolve("key.pem"), false, true), "h2c",
                "is HTTP/2 without TLS, for a proxy in front; with TLS, HTTP/2 is offered anyway (ALPN)");
        assertRefused(() -> new ProtocolOptions(null, null, true, true), "h2c",
                "is HTTP/2 without TLS, for a proxy in front; with TLS, HTTP/2 is offered anyway (ALPN)");
        assertThat(ProtocolOptions.withH2c().tls()).isFalse();
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        Path cert = writePair("");
        Path missing = dir.resolve("nowhere.pem");
        assertRefused(() -> ProtocolOptions.tls(cert, missing), "tls-key", "no such file: " + missing);
        assertRefused(() -> ProtocolOptions.tls(missing, dir.resolve("key.pem")), "tls-cert", "no such file: " + missing);
    }

    @Test
    void aFileWithoutPemIsRefused() throws Exception {
        Path cert = writePair("");
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a pem file\n");
        assertRefused(() -> ProtocolOptions.tls(junk, dir.resolve("key.pem")), "tls-cert",
                junk + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        assertRefused(() -> ProtocolOptions.tls(cert, junk), "tls-key",
                junk + " holds no PEM private key (-----BEGIN PRIVATE KEY-----, or its RSA or EC form)");
        assertRefused(() -> ProtocolOptions.tls(cert, cert), "tls-key",
                cert + " holds no PEM private key (-----BEGIN PRIVATE KEY-----, or its RSA or EC form)");
    }

    @Test
    void aBrokenPemIsRefusedWithWhatTheParserSaid() throws Exception {
        Path cert = writePair("");
        Path key = dir.resolve("key.pem");
        Path brokenCert = Files.writeString(dir.resolve("broken-cert.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> ProtocolOptions.tls(brokenCert, key)).isInstanceOfSatisfying(InvalidOptionException.class,
                e -> {
                    assertThat(e.option()).isEqualTo("tls-cert");
                    assertThat(e.problem()).startsWith(brokenCert + " holds no valid certificate: ").doesNotContain("\n");
                });
        Path brokenKey = Files.writeString(dir.resolve("broken-key.pem"),
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> ProtocolOptions.tls(cert, brokenKey)).isInstanceOfSatisfying(InvalidOptionException.class,
                e -> {
                    assertThat(e.option()).isEqualTo("tls-key");
                    assertThat(e.problem()).startsWith("cannot use the key in " + brokenKey + " with the certificate in "
                            + cert + ": ").doesNotContain("\n");
                });
    }

    @Test
    void aKeyOfAnotherAlgorithmIsRefused() throws Exception {
        Path cert = writePair("");
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path rsaKey = Files.writeString(dir.resolve("rsa-key.pem"), pem);
        assertThatThrownBy(() -> ProtocolOptions.tls(cert, rsaKey)).isInstanceOfSatisfying(InvalidOptionException.class,
                e -> assertThat(e.option()).isEqualTo("tls-key"));
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        Path cert = writePair("");
        writePair("other-");
        Path otherKey = dir.resolve("other-key.pem");
        assertRefused(() -> ProtocolOptions.tls(cert, otherKey), "tls-key",
                "the key in " + otherKey + " does not belong to the certificate in " + cert);
    }
}
