package dev.herald.server;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A self-signed certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, made at start for
 * {@code --self-signed}: an EC P-256 key and an X.509 v3 certificate signed with it (SHA256withECDSA), both in PEM.
 *
 * <p>Why written here: Vert.x's {@code SelfSignedCertificate} is deprecated for removal (it needs Bouncy Castle or
 * falls back to running {@code keytool}), and Bouncy Castle would add some 9 MiB to the jar for a development
 * convenience. The JDK makes the key and the signature; this class only writes the certificate's few DER fields.
 */
final class DevelopmentCertificate {

    /** How long the certificate is valid from its making: a development process rarely runs that long. */
    static final Duration VALIDITY = Duration.ofDays(365);
    static final String HOST = "localhost";

    private static final String EC_PUBLIC_KEY_SIGNED_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final byte[] LOOPBACK_V4 = {127, 0, 0, 1};
    private static final byte[] LOOPBACK_V6 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The certificate and its private key (PKCS #8), as PEM text. */
    record Pem(String certificate, String privateKey) {
    }

    private DevelopmentCertificate() {
    }

    /** A new key and a certificate valid from an hour before {@code now} (clocks drift) for {@link #VALIDITY}. */
    static Pem generate(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            byte[] algorithm = sequence(oid(EC_PUBLIC_KEY_SIGNED_WITH_SHA256));
            byte[] name = sequence(set(sequence(oid(COMMON_NAME), tlv(0x0C, HOST.getBytes(StandardCharsets.UTF_8)))));
            byte[] alternativeNames = sequence(tlv(0x82, HOST.getBytes(StandardCharsets.US_ASCII)),
                    tlv(0x87, LOOPBACK_V4), tlv(0x87, LOOPBACK_V6));
            byte[] extensions = tlv(0xA3, sequence(
                    sequence(oid(BASIC_CONSTRAINTS), tlv(0x04, sequence())),
                    sequence(oid(SUBJECT_ALT_NAME), tlv(0x04, alternativeNames))));
            byte[] toBeSigned = sequence(
                    tlv(0xA0, integer(BigInteger.valueOf(2))), // version 3
                    integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                    algorithm,
                    name,
                    sequence(utcTime(now.minus(Duration.ofHours(1))), utcTime(now.plus(VALIDITY))),
                    name,
                    keys.getPublic().getEncoded(), // already a SubjectPublicKeyInfo
                    extensions);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(toBeSigned);
            byte[] signature = signer.sign(); // already DER: SEQUENCE { r, s }
            byte[] certificate = sequence(toBeSigned, algorithm, bitString(signature));
            return new Pem(pem("CERTIFICATE", certificate), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            // every JDK provides EC P-256 and SHA256withECDSA
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    private static byte[] utcTime(Instant instant) {
        return tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    private static byte[] bitString(byte[] bits) {
        byte[] content = new byte[bits.length + 1]; // the first byte counts the unused bits of the last: none
        System.arraycopy(bits, 0, content, 1, bits.length);
        return tlv(0x03, content);
    }

    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(40 * Integer.parseInt(arcs[0]) + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
            for (int g = groups - 1; g >= 0; g--) {
                out.write((int) ((arc >>> (7 * g)) & 0x7F) | (g > 0 ? 0x80 : 0));
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] sequence(byte[]... parts) {
        return tlv(0x30, parts);
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, parts);
    }

    /** A DER tag, the length of the parts together (short or long form), then the parts. */
    private static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int lengthBytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | lengthBytes);
            for (int i = lengthBytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
