package dev.herald.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.http1.VertxHttpRequestDecoder;
import io.vertx.core.http.impl.tcp.Http1xOrH2CHandler;

/**
 * {@link StrictRequestDecoder} on the HTTP/1.x connections of a cleartext port with h2c, where Vert.x reports a
 * connection only once its first request is decoded (its connection handler is too late there to swap the decoder).
 *
 * <p>How Vert.x builds such a connection (5.1, {@code HttpServerConnectionInitializer}): at accept, it puts an
 * {@link Http1xOrH2CHandler} in the pipeline, which reads the first bytes; when they are not HTTP/2's preface it adds
 * its HTTP/1.x decoder ({@code httpDecoder}) behind itself, leaves, and hands the bytes it read to what follows it.
 * So a handler put right behind that detector before anything is read gets those bytes first, after the decoder was
 * added and before it decoded anything: there the decoder is swapped for the strict one, and the handler leaves. An
 * {@code Upgrade: h2c} request then goes through the strict decoder too, and Vert.x removes it by name when it
 * upgrades; a connection with the preface gets no HTTP/1.x decoder, and the handler leaves it as it is.
 *
 * <p>Netty gives no hook between accepting a connection and its first read but the listening socket's own pipeline,
 * which receives each accepted connection ({@link #acceptor()}); {@link ListeningSockets} adds it to every listening
 * socket of the server's Vert.x. Connections without the detector (TLS, no h2c, the management port) are left alone
 * at their first read. The port's options, for the decoder's limits, are given once before the port listens
 * ({@link #use}). Vert.x's detector and decoder are not API: a Vert.x that renames them fails the build here, and one
 * that builds the pipeline differently fails {@code RequestFramingH2cIT}.
 */
final class H2cDecoding {

    /** The h2c port's options; null until given, and then no connection needs them. */
    private volatile HttpServerOptions options;
    private final ChannelHandler acceptor = new Acceptor();

    /** The options of the cleartext port with h2c, given before it listens. */
    void use(HttpServerOptions h2cPort) {
        this.options = h2cPort;
    }

    /** The handler for a listening socket's pipeline: each accepted connection gets a {@link FirstRead}. */
    ChannelHandler acceptor() {
        return acceptor;
    }

    @ChannelHandler.Sharable
    private final class Acceptor extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            HttpServerOptions port = options;
            if (port != null && msg instanceof Channel accepted) {
                accepted.pipeline().addFirst(new FirstRead(port));
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** At a connection's first read, by then built by Vert.x: a {@link DecoderSwap} behind the detector, if any. */
    private static final class FirstRead extends ChannelInboundHandlerAdapter {
        private final HttpServerOptions options;

        FirstRead(HttpServerOptions options) {
            this.options = options;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ChannelPipeline pipeline = ctx.pipeline();
            ChannelHandlerContext detector = pipeline.context(Http1xOrH2CHandler.class);
            if (detector != null) {
                pipeline.addAfter(detector.name(), null, new DecoderSwap(options));
            }
            pipeline.remove(this);
            ctx.fireChannelRead(msg);
        }
    }

    /** Right behind the detector: the bytes it hands on, once it chose HTTP/1.x, meet the strict decoder. */
    private static final class DecoderSwap extends ChannelInboundHandlerAdapter {
        private final HttpServerOptions options;

        DecoderSwap(HttpServerOptions options) {
            this.options = options;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ChannelPipeline pipeline = ctx.pipeline();
            if (pipeline.get(StrictRequestDecoder.DECODER) instanceof VertxHttpRequestDecoder decoder
                    && !(decoder instanceof StrictRequestDecoder)) {
                pipeline.replace(StrictRequestDecoder.DECODER, StrictRequestDecoder.DECODER,
                        new StrictRequestDecoder(options));
            }
            pipeline.remove(this);
            ctx.fireChannelRead(msg);
        }
    }
}
