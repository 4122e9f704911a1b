package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw HTTP/1.1 server on a free loopback port that answers each request with the next script the test queued, byte
 * for byte: the status line and headers it writes, then the stream's bytes, written and flushed piece by piece. It
 * records every request it reads.
 */
final class ScriptedServer implements AutoCloseable {

    /** A request as read: its request line and its headers (names in lower case). */
    record Request(String line, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What to answer one request with; runs on that connection's own thread. */
    interface Script {
        void run(Exchange exchange) throws IOException;
    }

    /** One connection's output. */
    static final class Exchange {
        private final Socket socket;
        private final OutputStream out;

        Exchange(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        /** The status line and headers, with {@code Connection: close}: the body then lasts until the socket closes. */
        Exchange head(int status, String contentType) throws IOException {
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Scripted\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (status == 204) {
                head.append("Connection: close\r\n\r\n");
            } else if (status != 200) {
                head.append("Content-Length: 2\r\nConnection: close\r\n\r\n{}");
            } else {
                head.append("Cache-Control: no-cache\r\nConnection: close\r\n\r\n");
            }
            return write(head.toString().getBytes(StandardCharsets.US_ASCII));
        }

        /** A complete answer with a body of that length, then the connection closes. */
        void answer(int status, String contentType, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            write(("HTTP/1.1 " + status + " Scripted\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                    + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            write(bytes);
            end();
        }

        /** An open event stream's head. */
        Exchange stream() throws IOException {
            return head(200, "text/event-stream; charset=utf-8");
        }

        Exchange write(String text) throws IOException {
            return write(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Writes and flushes these bytes, on their own. */
        Exchange write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            return this;
        }

        /** Ends the response by closing the connection. */
        void end() throws IOException {
            socket.close();
        }

        /** Keeps the connection open, writing nothing more, until the server closes. */
        void hold() {
        }
    }

    private final ServerSocket server;
    private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    ScriptedServer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::accept, "scripted-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    /** Queues the answer to the next request. */
    ScriptedServer then(Script script) {
        scripts.add(script);
        return this;
    }

    /** The next request read, waiting for it. */
    Request nextRequest() {
        try {
            Request request = requests.poll(Recorder.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(request).as("a request within %s", Recorder.PATIENCE).isNotNull();
            return request;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Checks that no further request arrives within a short while. */
    void assertNoMoreRequests() {
        try {
            assertThat(requests.poll(300, TimeUnit.MILLISECONDS)).as("no further request").isNull();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                sockets.add(socket);
                Thread connection = new Thread(() -> serve(socket), acceptor.getName() + "-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            Request request = readHead(socket.getInputStream());
            if (request == null) {
                return;
            }
            requests.add(request);
            Script script = scripts.poll(Recorder.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (script == null) {
                socket.close();
                return;
            }
            script.run(new Exchange(socket));
        } catch (IOException | InterruptedException gone) {
            // the client or the test closed the connection
        }
    }

    private static Request readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        List<String> lines = List.of(head.toString(StandardCharsets.ISO_8859_1).split("\r\n"));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return new Request(lines.get(0), headers);
    }
}
