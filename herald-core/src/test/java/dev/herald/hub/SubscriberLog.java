package dev.herald.hub;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records {@link Subscriber} logs while this is open, kept off the console. The testkit's {@code CapturedLog}
 * depends on core, so core's own tests take the records by hand here.
 */
final class SubscriberLog implements AutoCloseable {

    private final Logger logger = Logger.getLogger(Subscriber.class.getName());
    private final BlockingQueue<LogRecord> records = new LinkedBlockingQueue<>();

    SubscriberLog() {
        logger.setFilter(record -> !records.add(record));
    }

    /** The next record's message and its throwable, waiting up to {@code patience}; fails when none comes. */
    String awaitMessage(Duration patience) throws InterruptedException {
        LogRecord record = records.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (record == null) {
            throw new AssertionError("no log record of Subscriber within " + patience);
        }
        return record.getMessage() + " / " + record.getThrown();
    }

    @Override
    public void close() {
        logger.setFilter(null);
    }
}
