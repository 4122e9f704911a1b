package dev.herald.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.http1.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.List;

/**
 * Vert.x's HTTP/1.x request decoder, refusing two request shapes Netty reads leniently (RFC 9112):
 * <ul>
 *   <li>obsolete line folding (5.2), a header line starting with a space or tab: Netty joins it to the line before,
 *       which a proxy in front may not do, so the two would disagree on the request's headers;</li>
 *   <li>{@code Transfer-Encoding: chunked} together with {@code Content-Length} (6.3 item 3): Netty reads it as
 *       chunked and drops the length; a proxy reading it by the length sees a different body, and what follows it as
 *       another request (the smuggling shape; 6.1 lets a server refuse it).</li>
 * </ul>
 * Each becomes a request whose decoder result has failed, as Netty's own parse errors do, so it reaches
 * {@link RequestFraming#invalidRequest}: a JSON 400 and the connection closed. Nothing after the refused head is
 * decoded.
 *
 * <p>Why here: by the time a request reaches a handler the fold is gone from its headers and the length removed, so
 * the check has to see the bytes. Vert.x builds the decoder itself; {@link #replaceOn} swaps it for this one as a
 * connection opens, before any request on it is decoded; on a cleartext port with h2c, {@link H2cDecoding} does, as
 * Vert.x chooses HTTP/1.x for the connection. One instance per connection, confined to its event loop.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {

    /** Vert.x's name for its request decoder in the connection's pipeline. */
    static final String DECODER = "httpDecoder";

    /** The head being read, watched for folding; reset after each request's last content. */
    private final FoldedLines head = new FoldedLines();
    /** Bytes of the connection the decoder has consumed so far: where {@code in}'s reader index is in the stream. */
    private long consumed;
    /** Up to where in the stream the current head has been watched. */
    private long watchedTo;
    /** True once a request was refused: the rest of the connection's bytes are dropped. */
    private boolean refused;

    StrictRequestDecoder(HttpServerOptions options) {
        super(options.getHttp1Config());
    }

    /**
     * Puts a strict decoder in place of Vert.x's on {@code connection}'s pipeline. An HTTP/2 connection has no
     * HTTP/1.x decoder (and no folding) and is left as it is, and so is every connection of a cleartext port with h2c
     * on: there Vert.x reports an HTTP/1.x connection only once its first request is decoded, too late to swap the
     * decoder without losing the bytes it holds (that request's body); {@link H2cDecoding} put it in place earlier.
     */
    static void replaceOn(HttpConnection connection, HttpServerOptions options) {
        if (options.isHttp2ClearTextEnabled() && !options.isSsl()) {
            return;
        }
        // Vert.x's connection type and decoder are not API (io.vertx.core.*.impl): a Vert.x that renames them fails
        // the build here, and one that renames the pipeline entry fails RequestFramingIT
        if (connection instanceof ConnectionBase base) {
            ChannelPipeline pipeline = base.channel().pipeline();
            if (pipeline.get(DECODER) instanceof VertxHttpRequestDecoder) {
                pipeline.replace(DECODER, DECODER, new StrictRequestDecoder(options));
            }
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        // Netty may decode a whole head in one call: every byte of it is watched first
        if (!head.headEnded()) {
            int from = start + (int) (Math.max(watchedTo, consumed) - consumed);
            if (head.foldIn(in, from, in.writerIndex())) {
                refuse(in, out);
                return;
            }
            watchedTo = consumed + in.readableBytes();
        }
        int before = out.size();
        super.decode(ctx, in, out);
        consumed += in.readerIndex() - start;
        for (int i = before; i < out.size(); i++) {
            Object decoded = out.get(i);
            if (decoded instanceof HttpRequest request && request.decoderResult().isFailure()) {
                refused = true;
            }
            if (decoded instanceof LastHttpContent) {
                // Netty returns right after a request's last content: the next byte is the next request's
                head.reset();
                watchedTo = consumed;
            }
        }
    }

    /** At the connection's end: once refused, no second failure for the head that was cut short. */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        super.decodeLast(ctx, in, out);
    }

    /** Drops the rest of the connection's bytes and hands on a failed request, as Netty does with a head it refuses. */
    private void refuse(ByteBuf in, List<Object> out) {
        refused = true;
        in.skipBytes(in.readableBytes());
        HttpMessage invalid = createInvalidMessage();
        invalid.setDecoderResult(DecoderResult.failure(new IllegalArgumentException(
                "Obsolete line folding is not accepted: a header line must not start with a space or tab"
                        + " (RFC 9112 5.2)")));
        out.add(invalid);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new IllegalArgumentException("A request must not carry both Transfer-Encoding and Content-Length");
    }
}
