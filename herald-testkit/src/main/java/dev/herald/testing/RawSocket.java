package dev.herald.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A plain TCP (or TLS) connection to a server, for what well-behaved clients never do: send half a request, or come
 * from another loopback address (127.0.0.2, ...: every 127/8 address is this machine's on Linux). Every read is
 * bounded.
 */
public final class RawSocket implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final URI base;

    private RawSocket(Socket socket, URI base) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.base = base;
        socket.setSoTimeout((int) PATIENCE.toMillis());
    }

    /** Connects to the server at {@code base} from the loopback address {@code from}. */
    public static RawSocket connect(URI base, String from) throws IOException {
        return new RawSocket(new Socket(InetAddress.getByName(base.getHost()), base.getPort(), InetAddress.getByName(from), 0), base);
    }

    /**
     * Connects over TLS to the server at {@code base}, trusting what {@code tls} trusts, and offers only
     * {@code http/1.1} by ALPN, as a browser that has no HTTP/2 does. The handshake is done before this returns.
     */
    public static RawSocket connectTls(URI base, SSLContext tls) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(base.getHost(), base.getPort());
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return new RawSocket(socket, base);
    }

    /** Sends text as it is (US-ASCII). */
    public RawSocket send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return this;
    }

    /** Sends a complete GET of {@code pathAndQuery} on a keep-alive connection. */
    public RawSocket get(String pathAndQuery) throws IOException {
        return send("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n\r\n");
    }

    /** The response head: the status line and the headers, up to the blank line. */
    public String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the connection closed in the response head: " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Reads {@code length} bytes of a body. */
    public String readBody(int length) throws IOException {
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** Everything the server sends until it closes the connection; fails if it does not within 10 s. */
    public String readUntilClosed() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                all.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException open) {
            throw new AssertionError("the server kept the connection open for " + PATIENCE + "; it sent: "
                    + all.toString(StandardCharsets.UTF_8));
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
