package dev.herald.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.herald.options.InvalidOptionException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public keys that RS256 and ES256 tokens are checked with (option {@value #OPTION}), read from a file once, at
 * start: PEM ({@code BEGIN PUBLIC KEY}, several blocks allowed, or {@code BEGIN CERTIFICATE}) or a JWKS JSON document
 * ({@code {"keys": [...]}}, or one JWK). RSA keys serve RS256, EC keys on P-256 serve ES256; a JWKS's keys for
 * encryption, for other algorithms or on other curves are left out, and a file with no usable key is refused.
 *
 * @param keys the usable keys, public parts only
 */
public record PublicKeys(List<JWK> keys) {

    static final String OPTION = "jwt-key";
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    public PublicKeys {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new InvalidOptionException(OPTION, "holds no RSA or P-256 EC public key usable for RS256 or ES256");
        }
    }

    /**
     * Reads a key file.
     *
     * @throws InvalidOptionException when it cannot be read or holds no usable public key
     */
    public static PublicKeys read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new InvalidOptionException(OPTION, "cannot read " + file + ": " + e.getMessage());
        }
        return text.contains("-----BEGIN") ? new PublicKeys(fromPem(file, text)) : new PublicKeys(fromJwks(file, text));
    }

    private static List<JWK> fromPem(Path file, String text) {
        List<JWK> keys = new ArrayList<>();
        Matcher block = PEM.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(block.group(2).trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException(OPTION, file + ": a " + type + " block is not valid Base64");
            }
            switch (type) {
                case "PUBLIC KEY" -> keys.add(jwkOf(file, publicKey(file, der)));
                case "CERTIFICATE" -> keys.add(jwkOf(file, certificateKey(file, der)));
                default -> throw new InvalidOptionException(OPTION, file + " holds a " + type + " block; give the "
                        + "public key as BEGIN PUBLIC KEY (openssl pkey -pubout) or a certificate");
            }
        }
        return keys;
    }

    private static PublicKey publicKey(Path file, byte[] der) {
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisKind) {
                // try the next kind
            }
        }
        throw new InvalidOptionException(OPTION, file + ": a PUBLIC KEY block is neither an RSA nor an EC key");
    }

    private static PublicKey certificateKey(Path file, byte[] der) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new InvalidOptionException(OPTION, file + ": a CERTIFICATE block cannot be read: " + e.getMessage());
        }
    }

    private static JWK jwkOf(Path file, PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec && Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
            return new ECKey.Builder(Curve.P_256, ec).build();
        }
        throw new InvalidOptionException(OPTION, file + ": only RSA keys (RS256) and EC keys on P-256 (ES256) are "
                + "accepted, got a " + key.getAlgorithm() + " key");
    }

    private static List<JWK> fromJwks(Path file, String text) {
        List<JWK> all;
        try {
            all = text.contains("\"keys\"") ? JWKSet.parse(text).getKeys() : List.of(JWK.parse(text));
        } catch (ParseException e) {
            throw new InvalidOptionException(OPTION, file + " is neither PEM nor a JWKS: " + e.getMessage());
        }
        List<JWK> usable = new ArrayList<>();
        for (JWK key : all) {
            boolean forSigning = key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse());
            boolean rsa = key instanceof RSAKey && (key.getAlgorithm() == null || "RS256".equals(key.getAlgorithm().getName()));
            boolean ec = key instanceof ECKey ecKey && Curve.P_256.equals(ecKey.getCurve())
                    && (key.getAlgorithm() == null || "ES256".equals(key.getAlgorithm().getName()));
            if (forSigning && (rsa || ec)) {
                usable.add(key.toPublicJWK());
            }
        }
        return usable;
    }
}
