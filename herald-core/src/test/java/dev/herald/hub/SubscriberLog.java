package dev.herald.hub;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The lines {@link Subscriber} logs while this is open, kept off the console. The testkit's {@code CapturedLog}
 * depends on core, so core's own tests take the lines by hand here, through the Logback its tests run on.
 */
final class SubscriberLog implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(Subscriber.class);
    private final BlockingQueue<ILoggingEvent> events = new LinkedBlockingQueue<>();
    private final AppenderBase<ILoggingEvent> taker = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }
    };

    SubscriberLog() {
        taker.setContext(logger.getLoggerContext());
        taker.start();
        logger.addAppender(taker);
        logger.setAdditive(false);
    }

    /** The next line's message and its throwable, waiting up to {@code patience}; fails when none comes. */
    String awaitMessage(Duration patience) throws InterruptedException {
        ILoggingEvent event = events.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no log line of Subscriber within " + patience);
        }
        return event.getFormattedMessage() + " / " + event.getThrowableProxy();
    }

    @Override
    public void close() {
        logger.setAdditive(true);
        logger.detachAppender(taker);
        taker.stop();
    }
}
