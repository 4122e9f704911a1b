package dev.herald.hub;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The lines {@link Subscriber} logs while this is open, kept off the console. The testkit's {@code CapturedLog}
 * depends on core, so core's own tests take the lines by hand here, through the Logback its tests run on, the same
 * way: an appender on the logger takes each line and marks it, and the root's appenders refuse a marked line.
 */
final class SubscriberLog implements AutoCloseable {

    private static final Set<ILoggingEvent> TAKEN = Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

    private final Logger logger = (Logger) LoggerFactory.getLogger(Subscriber.class);
    private final BlockingQueue<ILoggingEvent> events = new LinkedBlockingQueue<>();
    private final AppenderBase<ILoggingEvent> taker = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            TAKEN.add(event);
            events.add(event);
        }
    };

    SubscriberLog() {
        Logger root = logger.getLoggerContext().getLogger(Logger.ROOT_LOGGER_NAME);
        root.iteratorForAppenders().forEachRemaining(appender -> {
            if (appender.getCopyOfAttachedFiltersList().stream().noneMatch(RefuseTaken.class::isInstance)) {
                RefuseTaken filter = new RefuseTaken();
                filter.start();
                appender.addFilter(filter);
            }
        });
        taker.setContext(logger.getLoggerContext());
        taker.start();
        logger.addAppender(taker);
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
        logger.detachAppender(taker);
        taker.stop();
    }

    private static final class RefuseTaken extends Filter<ILoggingEvent> {
        @Override
        public FilterReply decide(ILoggingEvent event) {
            return TAKEN.contains(event) ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    }
}
