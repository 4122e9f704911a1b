package dev.herald.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/**
 * What the harness's stream clients ({@link SubscriberGroup}, {@link FailoverStreams}) share: the {@code GET} that opens
 * a stream, and the copy of its bytes into a {@link StampReader} through one scratch array per event loop.
 *
 * <p>Not thread-safe: one per event loop, used only on it.
 */
final class StreamGet {

    private byte[] scratch;

    /** A feed whose scratch array starts at {@code initialBytes} and grows to the largest chunk read. */
    StreamGet(int initialBytes) {
        scratch = new byte[initialBytes];
    }

    /**
     * {@code GET uri} on {@code target} with {@code Accept: text/event-stream}, and {@code Last-Event-ID} when
     * {@code lastEventId} is not null.
     */
    static DefaultFullHttpRequest request(LoopbackUrl target, String uri, String lastEventId) {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                target.requestUri(uri));
        request.headers().set(HttpHeaderNames.HOST, target.host() + ":" + target.port())
                .set(HttpHeaderNames.ACCEPT, "text/event-stream");
        if (lastEventId != null) {
            request.headers().set("Last-Event-ID", lastEventId);
        }
        return request;
    }

    /** Hands the readable bytes of {@code bytes} to {@code reader}, leaving {@code bytes} as it was. */
    void feed(ByteBuf bytes, StampReader reader) {
        int length = bytes.readableBytes();
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, 2 * scratch.length)];
        }
        bytes.getBytes(bytes.readerIndex(), scratch, 0, length);
        reader.feed(scratch, 0, length);
    }
}
