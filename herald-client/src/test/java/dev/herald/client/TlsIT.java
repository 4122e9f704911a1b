package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.Recorder.Signal;
import dev.herald.server.HeraldConfig;
import dev.herald.server.HeraldServer;
import dev.herald.server.ProtocolOptions;
import dev.herald.sse.ParsedEvent;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Herald on TLS with its development certificate: the source reaches it only with a context that trusts it. */
class TlsIT {

    private static HeraldServer herald;

    @BeforeAll
    static void start() {
        herald = Heralds.start(HeraldConfig.defaults().withPort(0).withProtocols(new ProtocolOptions(null, null, true, false)));
    }

    @AfterAll
    static void stop() {
        Heralds.stop(herald);
    }

    private static URI stream() {
        return URI.create("https://127.0.0.1:" + herald.port() + "/stream"); // channel sse, where publish(data, type) goes
    }

    /** Trusts any certificate: for this test's development certificate only, never for a real server. */
    private static SSLContext trustingEverything() throws Exception {
        X509TrustManager everyone = new X509TrustManager() {
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
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {everyone}, new SecureRandom());
        return context;
    }

    @Test
    void withoutAContextThatTrustsTheCertificateTheHandshakeFailsAndIsTold() {
        Recorder recorder = new Recorder();
        EventSource source = EventSource.builder(stream()).listener(recorder).build().start();
        try (source) {
            ConnectionException refused = recorder.next(ConnectionException.class);
            assertThat(refused).hasStackTraceContaining("SSLHandshakeException");
        }
    }

    @Test
    void withAContextThatTrustsItTheStreamOpensAndEventsArrive() throws Exception {
        Recorder recorder = new Recorder();
        try (EventSource source = EventSource.builder(stream()).sslContext(trustingEverything()).listener(recorder)
                .build().start()) {
            recorder.expect(Signal.OPEN);

            String id = herald.herald().publish(Map.of("message", "over TLS"), "notify").toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);

            assertThat(recorder.next()).isEqualTo(new ParsedEvent("notify", "{\"message\":\"over TLS\"}", id));
            assertThat(source.lastEventId()).isEqualTo(id);
        }
        recorder.expect(Signal.CLOSED);
        recorder.assertNothingMore();
    }
}
