package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.CapturedLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM under load: clients keep connecting while the server stops. A connection the listening socket accepts once
 * no event loop takes connections any more cannot be registered anywhere: Netty force-closes it and logs
 * "Failed to register an accepted channel" (an {@code IllegalStateException} from Vert.x's event-loop group). The
 * server closes its listening sockets first, so a late client is refused by the kernel and nothing is logged.
 */
class StopUnderConnectionsIT {

    private static final int CLIENTS = 4;
    private static final int MAX_CONNECTIONS_PER_CLIENT = 5_000;
    private static final Duration CLIENT_DEADLINE = Duration.ofSeconds(20);
    private static final int CONNECTIONS_BEFORE_STOP = 50;

    @Test
    void connectionsArrivingDuringStopAreRefusedWithoutAWarning() throws Exception {
        HeraldServer server = HeraldServer.start(HeraldConfig.defaults().withPort(0))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch busy = new CountDownLatch(CONNECTIONS_BEFORE_STOP);
        List<Thread> clients = new ArrayList<>();

        try (CapturedLog acceptor = CapturedLog.of("io.netty.bootstrap.ServerBootstrap");
             CapturedLog registration = CapturedLog.of("io.netty.channel.AbstractChannel")) {
            for (int i = 0; i < CLIENTS; i++) {
                Thread client = new Thread(() -> connectUntilRefused(address, accepted, refused, busy),
                        "connecting-client-" + i);
                client.start();
                clients.add(client);
            }
            assertThat(busy.await(10, TimeUnit.SECONDS)).as("the clients connect before the stop").isTrue();

            server.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);

            for (Thread client : clients) {
                client.join(CLIENT_DEADLINE.toMillis() + 5_000);
                assertThat(client.isAlive()).as(client.getName() + " ended").isFalse();
            }
            assertThat(refused.get()).as("every client was refused once the server stopped").isEqualTo(CLIENTS);
            acceptor.assertNothingLogged();
            registration.assertNothingLogged();
        }
        assertThat(accepted.get()).isGreaterThanOrEqualTo(CONNECTIONS_BEFORE_STOP);
    }

    /** Opens and closes connections, at most a bounded number for a bounded time, until the server refuses one. */
    private static void connectUntilRefused(InetSocketAddress address, AtomicInteger accepted, AtomicInteger refused,
                                            CountDownLatch busy) {
        long deadline = System.nanoTime() + CLIENT_DEADLINE.toNanos();
        for (int i = 0; i < MAX_CONNECTIONS_PER_CLIENT && System.nanoTime() < deadline; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(address, 2_000);
                accepted.incrementAndGet();
                busy.countDown();
            } catch (IOException refusedOrReset) {
                refused.incrementAndGet();
                return;
            }
        }
    }
}
