package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SharedFramesTest {

    /** A frame of its own per test: frames are told apart by identity, and the cache is per thread. */
    private final byte[] event = "id: 1-1\ndata: hello\n\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void aFrameSeenOnceIsOnlyWrappedAndFromItsSecondStreamOnOneDirectCopyIsShared() {
        Buffer first = SharedFrames.of(event);
        Buffer second = SharedFrames.of(event);
        Buffer third = SharedFrames.of(event);

        assertThat(((BufferInternal) first).getByteBuf().isDirect()).isFalse();
        assertThat(((BufferInternal) second).getByteBuf().isDirect()).isTrue();
        assertThat(third).isSameAs(second);
        assertThat(third.toString(StandardCharsets.UTF_8)).isEqualTo("id: 1-1\ndata: hello\n\n");
    }

    @Test
    void aNewFrameReplacesTheOldOne() {
        byte[] other = "data: other\n\n".getBytes(StandardCharsets.UTF_8);
        SharedFrames.of(event);
        SharedFrames.of(event);

        assertThat(SharedFrames.of(other).toString(StandardCharsets.UTF_8)).isEqualTo("data: other\n\n");
        assertThat(SharedFrames.of(event).toString(StandardCharsets.UTF_8)).isEqualTo("id: 1-1\ndata: hello\n\n");
    }

    @Test
    void writingTheSharedBufferDoesNotConsumeIt() {
        SharedFrames.of(event);
        Buffer shared = SharedFrames.of(event);

        // What Vert.x writes is a slice of its own that the socket may read and release.
        ((BufferInternal) shared).getByteBuf().release();
        ((BufferInternal) shared).getByteBuf().skipBytes(5);

        assertThat(shared.length()).isEqualTo(event.length);
        assertThat(SharedFrames.of(event).toString(StandardCharsets.UTF_8)).isEqualTo("id: 1-1\ndata: hello\n\n");
    }
}
