package dev.herald.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A share of the drain bench's clients, owned by one Netty event loop: each opens its stream on the node that will be
 * stopped ({@code from}), and when that stream ends reconnects to the other node ({@code to}) after the last
 * {@code retry} it was given, with {@code Last-Event-ID}: an {@code EventSource} behind a load balancer that no longer
 * sends it to the stopped node. A reconnect that fails (refused, not 200) is tried again after the same time, at most
 * {@value #MAX_ATTEMPTS} times. It records when each stream ended, when each reconnect was answered 200, and the order
 * and count of the measured events of every client across both streams (a {@link SequenceTracker} per client).
 * Every field is touched only on the loop.
 */
final class FailoverStreams {

    private static final int MAX_ATTEMPTS = 100;
    /** The reconnection time of a client told none: the HTML standard leaves it to the browser; a few seconds. */
    private static final long DEFAULT_RETRY_MILLIS = 3_000;
    private static final long OPEN_RETRY_MILLIS = 200;

    private final EventLoop loop;
    private final StreamGet streamGet = new StreamGet(4096);
    private final Bootstrap bootstrap;
    private final LoopbackUrl from;
    private final LoopbackUrl to;
    private final String uri;
    private final int size;
    private final int maxConnecting;
    private final List<Client> clients = new ArrayList<>();
    private int started;
    private int connecting;
    private int opened;
    private long[] endNanos = new long[16];
    private int ends;
    private long[] reconnectNanos = new long[16];
    private long[] gapNanos = new long[16];
    private int reconnects;
    private long[] lastRetries = new long[16];
    private long failedAttempts;
    private int gaveUp;
    private String lastFailure;

    FailoverStreams(EventLoop loop, LoopbackUrl from, LoopbackUrl to, String uri, int size, int maxConnecting) {
        this.loop = loop;
        this.from = from;
        this.to = to;
        this.uri = uri;
        this.size = size;
        this.maxConnecting = maxConnecting;
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }

    /** What the clients hold at one moment. */
    record Tally(int clients, int openOnFrom, int openOnTo, int caughtUp, long lost, long duplicated, long reordered,
                 long[] endNanos, long[] reconnectNanos, long[] gapNanos, long[] lastRetries, long failedAttempts,
                 int gaveUp, String lastFailure) {
    }

    /** Starts opening the clients' streams on {@code from}, {@code maxConnecting} at a time. */
    void openStreams() {
        loop.execute(this::openMore);
    }

    /** Streams whose first response (on {@code from}) arrived. */
    Future<Integer> opened() {
        return loop.submit(() -> opened);
    }

    /** The clients' state, given that {@code published} measured messages were acknowledged. */
    Future<Tally> tally(long published) {
        return loop.submit(() -> snapshot(published));
    }

    private void openMore() {
        while (connecting < maxConnecting && started < size) {
            started++;
            connecting++;
            Client client = new Client();
            clients.add(client);
            connect(client);
        }
    }

    private void connect(Client client) {
        LoopbackUrl target = client.movedOn ? to : from;
        bootstrap.clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new Stream(client, target));
                    }
                })
                .connect(target.unbracketedHost(), target.port())
                .addListener(connected -> {
                    if (!connected.isSuccess()) {
                        failed(client, String.valueOf(connected.cause()));
                    }
                });
    }

    /** An attempt failed: tried again after the client's retry (on {@code from} before its first stream, quickly). */
    private void failed(Client client, String why) {
        lastFailure = why;
        if (client.movedOn) {
            failedAttempts++;
        }
        if (++client.attempts >= MAX_ATTEMPTS) {
            gaveUp++;
            return;
        }
        loop.schedule(() -> connect(client), client.movedOn ? client.retryMillis : OPEN_RETRY_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** The server ended a client's stream: it comes back, to {@code to}, after the last retry it was told. */
    private void ended(Client client) {
        long now = System.nanoTime();
        client.open = false;
        if (!client.movedOn) {
            endNanos = add(endNanos, ends, now);
            lastRetries = add(lastRetries, ends, client.retryMillis);
            ends++;
            client.endedNanos = now;
            client.movedOn = true;
        }
        client.attempts = 0;
        loop.schedule(() -> connect(client), client.retryMillis, TimeUnit.MILLISECONDS);
    }

    private void answered(Client client, LoopbackUrl target) {
        client.open = true;
        if (target == from) {
            connecting--;
            opened++;
            openMore();
        } else if (!client.reconnected) {
            client.reconnected = true;
            long now = System.nanoTime();
            reconnectNanos = add(reconnectNanos, reconnects, now);
            gapNanos = add(gapNanos, reconnects, now - client.endedNanos);
            reconnects++;
        }
    }

    private static long[] add(long[] values, int count, long value) {
        long[] room = count < values.length ? values : Arrays.copyOf(values, values.length * 2);
        room[count] = value;
        return room;
    }

    private Tally snapshot(long published) {
        int openOnFrom = 0;
        int openOnTo = 0;
        int caughtUp = 0;
        long lost = 0;
        long duplicated = 0;
        long reordered = 0;
        for (Client client : clients) {
            if (client.open) {
                if (client.movedOn) {
                    openOnTo++;
                } else {
                    openOnFrom++;
                }
            }
            if (client.order.distinct() >= published) {
                caughtUp++;
            }
            lost += client.order.lost(published);
            duplicated += client.order.duplicated();
            reordered += client.order.reordered();
        }
        return new Tally(clients.size(), openOnFrom, openOnTo, caughtUp, lost, duplicated, reordered,
                Arrays.copyOf(endNanos, ends), Arrays.copyOf(reconnectNanos, reconnects),
                Arrays.copyOf(gapNanos, reconnects), Arrays.copyOf(lastRetries, ends), failedAttempts, gaveUp,
                lastFailure);
    }

    /** One client: an EventSource's state across its streams. */
    private static final class Client {
        private final SequenceTracker order = new SequenceTracker();
        private final byte[] lastEventId = new byte[128];
        private int lastEventIdLength;
        private long retryMillis = DEFAULT_RETRY_MILLIS;
        private boolean movedOn;
        private boolean open;
        private boolean reconnected;
        private long endedNanos;
        private int attempts;
        private final StampReader reader = new StampReader(new StampReader.Listener() {
            @Override
            public void onStamp(long seq, long sentNanos, long ackedBelow) {
                if (seq >= Stamp.MEASURED_BASE) {
                    order.record(seq - Stamp.MEASURED_BASE, ackedBelow - Stamp.MEASURED_BASE);
                }
            }

            @Override
            public void onOther() {
            }

            @Override
            public void onLastEventId(byte[] id, int length) {
                lastEventIdLength = Math.min(length, lastEventId.length);
                System.arraycopy(id, 0, lastEventId, 0, lastEventIdLength);
            }

            @Override
            public void onRetry(long millis) {
                retryMillis = millis;
            }
        });

        String lastEventId() {
            return new String(lastEventId, 0, lastEventIdLength, StandardCharsets.UTF_8);
        }
    }

    /** One connection of a client: sends the request (with its last event id), then reads the stream. */
    private final class Stream extends SimpleChannelInboundHandler<HttpObject> {
        private final Client client;
        private final LoopbackUrl target;
        private boolean answered;
        private boolean over;

        Stream(Client client, LoopbackUrl target) {
            this.client = client;
            this.target = target;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(StreamGet.request(target, uri,
                    client.lastEventIdLength > 0 ? client.lastEventId() : null));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (message instanceof HttpResponse response) {
                answered = true;
                if (response.status().code() != 200) {
                    over = true;
                    ctx.close();
                    failed(client, "GET " + target.requestUri(uri) + " answered " + response.status().code());
                    return;
                }
                answered(client, target);
            }
            if (message instanceof HttpContent content && !over) {
                streamGet.feed(content.content(), client.reader);
                if (content instanceof LastHttpContent) {
                    over = true;
                    ctx.close();
                    ended(client);
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (over) {
                return;
            }
            over = true;
            if (answered) {
                ended(client); // broken rather than ended: an EventSource reconnects all the same
            } else {
                failed(client, "the server closed the connection before answering");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            lastFailure = String.valueOf(cause.getMessage());
            ctx.close();
        }
    }
}
