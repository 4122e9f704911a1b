package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.CapturedLog;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The command connections against a scripted Redis that resets the connection, as a Redis that dies may. */
class RedisCommandsIT {

    /** Where vertx-redis logs a failure of a connection that has no exception handler of its own. */
    private static final String CLIENT_LOGGER = "io.vertx.redis.client.impl.RedisConnectionManager";

    @Test
    void aConnectionResetIsReportedAtDebugNotLoggedAsUnhandled() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             CapturedLog clientLog = CapturedLog.of(CLIENT_LOGGER);
             CapturedLog ownLog = CapturedLog.of(RedisCommands.class.getName(), Level.DEBUG);
             RedisCommands commands = new RedisCommands(vertx,
                     RedisClients.options("redis://127.0.0.1:" + server.getLocalPort()))) {
            var pong = commands.send(Request.cmd(Command.PING)).toCompletionStage().toCompletableFuture();
            try (Socket socket = server.accept()) {
                var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream();
                assertThat(readCommand(in)).isEqualTo("HELLO");
                out.write("-ERR unknown command 'HELLO'\r\n".getBytes(StandardCharsets.US_ASCII)); // so the client PINGs
                assertThat(readCommand(in)).isEqualTo("PING");
                out.write("+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(readCommand(in)).as("the request itself").isEqualTo("PING");
                out.write("+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(pong.get(10, TimeUnit.SECONDS).toString()).isEqualTo("PONG");

                socket.setSoLinger(true, 0); // closing now resets the idle pooled connection
            }

            assertThat(ownLog.awaitMessage()).startsWith("a Redis command connection failed; its requests fail with it: ");
            clientLog.assertNothingLogged();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Reads one RESP command ({@code *n} then {@code n} bulk strings) and returns its name. */
    private static String readCommand(BufferedReader in) throws Exception {
        String header = in.readLine();
        assertThat(header).startsWith("*");
        String name = null;
        for (int i = Integer.parseInt(header.substring(1)); i > 0; i--) {
            in.readLine(); // $<length>
            String argument = in.readLine();
            name = name == null ? argument.toUpperCase() : name;
        }
        return name;
    }
}
