package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The servlet sink against a scripted output stream: what it writes, when it holds back, and that it leaves the output
 * alone once the container is done with it. The loop here runs each task at once, on the test's thread.
 */
class ServletSinkTest {

    private static final int LIMIT = 64;

    /** A non-blocking output whose readiness the test sets; it counts every call the sink makes on it. */
    private static final class ScriptedOutput extends ServletOutputStream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        boolean ready = true;
        int refuseNextWrites;
        int flushes;
        int calls;

        @Override
        public boolean isReady() {
            calls++;
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }

        @Override
        public void write(int b) {
            written.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            calls++;
            if (refuseNextWrites > 0) {
                refuseNextWrites--;
                throw new IllegalStateException("In non-blocking mode you may not write until isReady() returns true");
            }
            written.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            calls++;
            flushes++;
        }

        String text() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    private final ScriptedOutput out = new ScriptedOutput();
    private final AtomicInteger completions = new AtomicInteger();
    private final AsyncContext async = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> {
                if (method.getName().equals("complete")) {
                    completions.incrementAndGet();
                }
                return null;
            });
    private final ServletSink sink = new ServletSink(Runnable::run, async, out, LIMIT);

    private static byte[] frame(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void nothingIsWrittenBeforeTheContainersFirstWritePossible() {
        assertThat(sink.offer(frame("retry: 3000\n\n"))).isTrue();
        sink.flush();
        assertThat(out.calls).as("the output is the container's until its first callback").isZero();

        sink.onWritePossible();
        assertThat(out.text()).isEqualTo("retry: 3000\n\n");
        assertThat(out.flushes).isEqualTo(1);
    }

    @Test
    void framesWaitWhileTheContainerIsNotReadyAndGoOutOnItsCallback() {
        sink.onWritePossible();
        out.ready = false;
        sink.offer(frame("data: a\n\n"));
        sink.offer(frame("data: b\n\n"));
        sink.flush();
        assertThat(out.text()).isEmpty();

        out.ready = true;
        sink.onWritePossible();
        assertThat(out.text()).isEqualTo("data: a\n\ndata: b\n\n");
    }

    @Test
    void framesTheContainerIsNotReadyForMakeTheSinkStalledOnceTheyWaitedLongerThanTheBound() {
        long bound = 1_000_000_000L;
        sink.onWritePossible();
        sink.offer(frame(":\n\n"));
        sink.flush();
        assertThat(sink.stalled(System.nanoTime() + 2 * bound, bound)).as("a client that keeps up").isFalse();

        out.ready = false;
        sink.offer(frame(":\n\n"));
        sink.flush();
        assertThat(sink.stalled(System.nanoTime(), bound)).as("not waited long yet").isFalse();
        assertThat(sink.stalled(System.nanoTime() + 2 * bound, bound)).as("a heartbeat that cannot be written").isTrue();

        out.ready = true;
        sink.onWritePossible();
        assertThat(sink.stalled(System.nanoTime() + 2 * bound, bound)).as("written at last").isFalse();
    }

    @Test
    void anOfferIsRefusedOnceTheQueueHoldsTheLimit() {
        sink.onWritePossible();
        out.ready = false;
        String twenty = "data: 0123456789ab\n\n";
        assertThat(twenty).hasSize(20);
        assertThat(sink.offer(frame(twenty))).isTrue();
        assertThat(sink.offer(frame(twenty))).isTrue();
        assertThat(sink.offer(frame(twenty))).isTrue();
        assertThat(sink.offer(frame(twenty))).as("60 bytes queued, under the limit of 64: one more is taken").isTrue();
        assertThat(sink.offer(frame(twenty))).as("80 bytes queued: over the limit").isFalse();
    }

    @Test
    void aWriteRefusedAsNotReadyKeepsItsFrameForTheNextCallback() {
        sink.onWritePossible();
        out.refuseNextWrites = 1;
        sink.offer(frame("data: kept\n\n"));
        sink.flush();
        assertThat(out.text()).isEmpty();
        assertThat(completions).as("the stream goes on").hasValue(0);

        sink.onWritePossible();
        assertThat(out.text()).isEqualTo("data: kept\n\n");
    }

    @Test
    void closeWritesWhatIsQueuedThenCompletesOnce() {
        sink.onWritePossible();
        sink.offer(frame("data: last\n\n"));
        sink.close();
        sink.close();
        assertThat(out.text()).isEqualTo("data: last\n\n");
        assertThat(completions).hasValue(1);
        assertThat(sink.offer(frame("data: late\n\n"))).as("a closed sink takes and drops").isTrue();
        sink.flush();
        assertThat(out.text()).isEqualTo("data: last\n\n");
    }

    @Test
    void abortDiscardsWhatIsQueuedAndCompletes() {
        sink.onWritePossible();
        out.ready = false;
        sink.offer(frame("data: never\n\n"));
        sink.abort();
        out.ready = true;
        sink.onWritePossible();
        assertThat(out.text()).isEmpty();
        assertThat(completions).hasValue(1);
    }

    @Test
    void nothingTouchesTheOutputOnceTheContainerReportedAnError() throws IOException {
        sink.onWritePossible();
        int before = out.calls;
        sink.onError(new AsyncEvent(async, new IOException("Broken pipe")));
        assertThat(completions).as("completed within the container's callback").hasValue(1);

        sink.offer(frame("data: after\n\n"));
        sink.flush();
        sink.onWritePossible();
        assertThat(out.calls).as("calls on the output after the error").isEqualTo(before);
        assertThat(completions).hasValue(1);
    }
}
