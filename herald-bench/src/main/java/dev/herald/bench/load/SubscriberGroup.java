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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A share of the subscribers, owned by one Netty event loop: opens their streams, feeds the bytes of every
 * chunk to a {@link StampReader}, and records the latency and order of the measured events.
 *
 * <p>The streams use Netty's HTTP codec directly rather than a full HTTP client: the harness shares the machine
 * with the server it measures, and at one event per read a client's per-read bookkeeping costs the server CPU.
 * Every field is touched only on the group's event loop; other threads ask through {@link #openStreams()} and
 * {@link #tally(long)}. A stream the server ends is not reopened: what it misses counts as lost.
 */
final class SubscriberGroup {

    private static final long RETRY_MILLIS = 200;
    private static final int MAX_ERROR_BODY = 300;

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final LoopbackUrl url;
    private final String uri;
    private final int size;
    /** Connections being opened at once: a few dozen keep a burst of thousands from overflowing the backlog. */
    private final int maxConnecting;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final LatencyHistogram latencies = new LatencyHistogram();
    private final StreamGet streamGet = new StreamGet(16 * 1024);
    private int started;
    private int connecting;
    private long deliveries;
    private long unexpectedEvents;
    private String firstError;
    private String lastFailure;

    /**
     * @param loop             the event loop every stream of the group lives on
     * @param url              the server
     * @param uri              the path and query of one stream
     * @param size             the number of streams this group opens
     * @param maxConnecting    streams being opened at once at most; {@code size} or more opens them all at once
     * @param connectTimeoutMs how long one attempt to connect may take
     */
    SubscriberGroup(EventLoop loop, LoopbackUrl url, String uri, int size, int maxConnecting, int connectTimeoutMs) {
        this.loop = loop;
        this.url = url;
        this.uri = uri;
        this.size = size;
        this.maxConnecting = maxConnecting;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs);
    }

    /** Starts opening the group's streams; connection failures are retried until the harness gives up. */
    void openStreams() {
        loop.execute(this::openMore);
    }

    /** What the streams received so far, given that {@code published} measured messages were acknowledged. */
    Future<StreamTally> tally(long published) {
        return loop.submit(() -> snapshot(published));
    }

    private void openMore() {
        while (connecting < maxConnecting && started < size && firstError == null) {
            started++;
            connecting++;
            open(new Subscriber());
        }
    }

    private void open(Subscriber subscriber) {
        bootstrap.clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new Stream(subscriber));
                    }
                })
                .connect(url.unbracketedHost(), url.port())
                .addListener(connected -> {
                    if (!connected.isSuccess()) {
                        retry(subscriber, String.valueOf(connected.cause()));
                    }
                });
    }

    /** Refused or reset: a server busy accepting thousands of connections may do that. Try again. */
    private void retry(Subscriber subscriber, String failure) {
        lastFailure = failure;
        loop.schedule(() -> open(subscriber), RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void refuse(String reason) {
        if (firstError == null) {
            firstError = reason;
        }
    }

    private StreamTally snapshot(long published) {
        int open = 0;
        int caughtUp = 0;
        long lost = 0;
        long duplicated = 0;
        long reordered = 0;
        for (Subscriber subscriber : subscribers) {
            if (subscriber.open) {
                open++;
                if (subscriber.order.distinct() >= published) {
                    caughtUp++;
                }
            }
            lost += subscriber.order.lost(published);
            duplicated += subscriber.order.duplicated();
            reordered += subscriber.order.reordered();
        }
        return new StreamTally(subscribers.size(), open, caughtUp, deliveries, lost, duplicated, reordered,
                unexpectedEvents, Optional.ofNullable(firstError), Optional.ofNullable(lastFailure), latencies.copy());
    }

    private void onStamp(Stamp stamp, long receivedNanos, SequenceTracker order) {
        if (stamp.measured()) {
            deliveries++;
            latencies.record(receivedNanos - stamp.sentNanos());
            order.record(stamp.seq() - Stamp.MEASURED_BASE, stamp.ackedBelow() - Stamp.MEASURED_BASE);
        }
    }

    /** One stream's state. */
    private final class Subscriber {
        /** When the chunk being read arrived: the receive time of every event it completes. */
        private long chunkNanos;
        private final SequenceTracker order = new SequenceTracker();
        private final StampReader reader = new StampReader(new StampReader.Listener() {
            @Override
            public void onStamp(long seq, long sentNanos, long ackedBelow) {
                SubscriberGroup.this.onStamp(new Stamp(seq, sentNanos, ackedBelow), chunkNanos, order);
            }

            @Override
            public void onOther() {
                unexpectedEvents++;
            }
        });
        private boolean open;
    }

    /** One stream's connection: sends the request, then reads the response as it comes. */
    private final class Stream extends SimpleChannelInboundHandler<HttpObject> {
        private final Subscriber subscriber;
        private boolean answered;
        private StringBuilder refusal;

        Stream(Subscriber subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(StreamGet.request(url, uri, null));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (message instanceof HttpResponse response) {
                answered = true;
                if (response.status().code() != 200) {
                    refusal = new StringBuilder("GET " + url.requestUri(uri) + " answered " + response.status().code());
                } else {
                    connecting--;
                    subscriber.open = true;
                    subscribers.add(subscriber);
                    openMore();
                }
            }
            if (message instanceof HttpContent content) {
                if (refusal != null) {
                    readRefusal(ctx, content);
                } else {
                    subscriber.chunkNanos = System.nanoTime();
                    streamGet.feed(content.content(), subscriber.reader);
                    if (content instanceof LastHttpContent) {
                        subscriber.open = false;
                    }
                }
            }
        }

        private void readRefusal(ChannelHandlerContext ctx, HttpContent content) {
            if (refusal.length() < MAX_ERROR_BODY) {
                refusal.append(refusal.indexOf(": ") < 0 ? ": " : "").append(content.content().toString(StandardCharsets.UTF_8));
            }
            if (content instanceof LastHttpContent) {
                refuse(refusal.length() > MAX_ERROR_BODY ? refusal.substring(0, MAX_ERROR_BODY) : refusal.toString());
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            subscriber.open = false;
            if (!answered) {
                retry(subscriber, "the server closed the connection before answering");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            lastFailure = String.valueOf(cause.getMessage());
            ctx.close();
        }
    }
}
