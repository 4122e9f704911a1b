package dev.herald.server;

import dev.herald.testing.SseTestClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** JDK HTTP clients that speak HTTP/2 to a Herald on loopback, over TLS or in clear text (h2c), and its certificates. */
final class Http2Clients {

    private Http2Clients() {
    }

    /** A certificate for localhost and 127.0.0.1 and its key, written as {@code cert.pem} and {@code key.pem}. */
    record TestCertificate(Path certFile, Path keyFile) {

        static TestCertificate writeTo(Path dir) throws IOException {
            DevelopmentCertificate.Pem pem = DevelopmentCertificate.generate();
            return new TestCertificate(Files.writeString(dir.resolve("cert.pem"), pem.certificate()),
                    Files.writeString(dir.resolve("key.pem"), pem.privateKey()));
        }

        ProtocolOptions protocols() {
            return ProtocolOptions.tls(certFile, keyFile);
        }

        /** A client that trusts this certificate only, and checks the host name as any client does. */
        HttpClient client() {
            try {
                X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certFile)));
                KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
                trusted.load(null, null);
                trusted.setCertificateEntry("herald", certificate);
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trusted);
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, trust.getTrustManagers(), null);
                return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls).build();
            } catch (Exception e) {
                throw new AssertionError("cannot trust " + certFile, e);
            }
        }
    }

    /** HTTP/2 in clear text: the JDK upgrades its first request without a body (GET) to h2c. */
    static HttpClient cleartext() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    }

    /** An SSL context that trusts whatever certificate a server on loopback shows: for {@code --self-signed}. */
    static SSLContext trustingAnyCertificate() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new TrustingAnyCertificate()}, null);
            return tls;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Vert.x's client, sending all of a test's requests on one HTTP/2 connection: over TLS (trusting any certificate),
     * or h2c by prior knowledge.
     */
    static io.vertx.core.http.HttpClient vertx(io.vertx.core.Vertx vertx, boolean tls, RunningServer herald) {
        return vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
                .setSsl(tls).setUseAlpn(true).setTrustAll(true).setVerifyHost(false)
                .setDefaultHost("127.0.0.1").setDefaultPort(herald.uri("/").getPort()));
    }

    /** A stream through {@code client}. */
    static SseTestClient stream(HttpClient client, URI uri) {
        return SseTestClient.connect(client, uri, Map.of(), null);
    }

    /** A JSON POST through {@code client}. */
    static HttpResponse<String> post(HttpClient client, URI uri, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Checks nothing: only ever used towards a server of the test's own on loopback. */
    private static final class TrustingAnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
