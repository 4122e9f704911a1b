package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Takes the records of one class's logger (java.util.logging, where {@link System.Logger} writes by default) off the
 * console for the length of a test, so that an error a test provokes on purpose is asserted instead of printed.
 *
 * <p>A logger filter takes each record and refuses it, so no handler (the console's included) sees it, whichever
 * thread logs it and however soon the capture is closed after.
 */
public final class CapturedLog implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final Logger logger;
    private final Filter previous;
    private final BlockingQueue<LogRecord> records = new LinkedBlockingQueue<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
        this.previous = logger.getFilter();
        logger.setFilter(record -> {
            records.add(record);
            return false;
        });
    }

    /** Captures what the logger named after {@code owner} writes, until closed. */
    public static CapturedLog of(Class<?> owner) {
        return of(owner.getName());
    }

    /** Captures what the logger of that name writes (a library's, whose class is not to be named), until closed. */
    public static CapturedLog of(String loggerName) {
        return new CapturedLog(Logger.getLogger(loggerName));
    }

    /** The next record's message (with its exception's message, if any), waiting for it a few seconds. */
    public String awaitMessage() {
        try {
            LogRecord record = records.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(record).as("a log record within " + PATIENCE).isNotNull();
            return record.getThrown() == null ? record.getMessage()
                    : record.getMessage() + " / " + record.getThrown().getMessage();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for a record whose message holds {@code text}, passing over the others. */
    public String awaitMessageContaining(String text) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                LogRecord record = records.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (record != null && record.getMessage().contains(text)) {
                    return record.getMessage();
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no log record containing \"" + text + "\" within " + PATIENCE);
    }

    /** Checks that nothing was logged so far. */
    public void assertNothingLogged() {
        LogRecord record = records.peek();
        assertThat(record).as("no log record, found: %s", record == null ? null : record.getMessage()).isNull();
    }

    @Override
    public void close() {
        logger.setFilter(previous);
    }
}
