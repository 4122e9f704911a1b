package dev.herald.bench.jmh;

import dev.herald.sse.SseEncoder;
import dev.herald.sse.SseEvent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The cost of writing one event frame: paid once per event, whatever the number of subscribers. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EncoderBenchmark {

    /** {@code notify}: the seed's notification; {@code multiline}: 1 KiB of text in 16 lines. */
    @Param({"notify", "multiline"})
    public String shape;

    private SseEvent event;

    @Setup
    public void prepare() {
        String data = shape.equals("notify")
                ? "{\"message\":\"Hello World\"}"
                : ("x".repeat(63) + "\n").repeat(16);
        event = new SseEvent("1795462595178-42", "notify", data, null);
    }

    @Benchmark
    public byte[] encode() {
        return SseEncoder.encode(event);
    }
}
