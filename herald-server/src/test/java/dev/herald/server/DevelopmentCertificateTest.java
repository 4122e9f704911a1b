package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The certificate of --self-signed, as the JDK reads it: its names, its dates, its signature and its key. */
class DevelopmentCertificateTest {

    private static X509Certificate certificate(DevelopmentCertificate.Pem pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.certificate().getBytes(StandardCharsets.US_ASCII)));
    }

    private static PrivateKey privateKey(DevelopmentCertificate.Pem pem) throws Exception {
        String base64 = pem.privateKey().replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
    }

    @Test
    void isAVersionThreeCertificateForLocalhostSignedByItsOwnKey() throws Exception {
        X509Certificate certificate = certificate(DevelopmentCertificate.generate());
        assertThat(certificate.getVersion()).isEqualTo(3);
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        certificate.verify(certificate.getPublicKey()); // throws unless self-signed
        assertThat(certificate.getBasicConstraints()).as("not a certificate authority").isEqualTo(-1);
        assertThat(certificate.getSerialNumber().signum()).isPositive();
    }

    @Test
    void namesLocalhostAndBothLoopbackAddresses() throws Exception {
        X509Certificate certificate = certificate(DevelopmentCertificate.generate());
        assertThat(certificate.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "localhost"), List.of(7, "127.0.0.1"),
                List.of(7, InetAddress.getByName("::1").getHostAddress()));
    }

    @Test
    void isValidForAYearFromAnHourBeforeItsMaking() throws Exception {
        Instant before = Instant.now();
        X509Certificate certificate = certificate(DevelopmentCertificate.generate());
        Instant after = Instant.now();
        Instant notBefore = certificate.getNotBefore().toInstant();
        // X.509 times are whole seconds
        assertThat(notBefore).isBetween(before.minus(DevelopmentCertificate.BACKDATED).minusSeconds(1),
                after.minus(DevelopmentCertificate.BACKDATED));
        assertThat(certificate.getNotAfter().toInstant())
                .isEqualTo(notBefore.plus(DevelopmentCertificate.VALIDITY));
    }

    @Test
    void theKeyIsPkcs8AndSignsWhatTheCertificateVerifies() throws Exception {
        DevelopmentCertificate.Pem pem = DevelopmentCertificate.generate();
        assertThat(pem.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(pem.certificate()).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(privateKey(pem));
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate(pem).getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void everyCallMakesANewKey() throws Exception {
        assertThat(certificate(DevelopmentCertificate.generate()).getPublicKey())
                .isNotEqualTo(certificate(DevelopmentCertificate.generate()).getPublicKey());
    }
}
