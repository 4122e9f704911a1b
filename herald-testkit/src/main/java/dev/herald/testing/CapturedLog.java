package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Takes the lines of one logger (and of the loggers under it) off the console for the length of a test, so that an
 * error a test provokes on purpose is asserted instead of printed. Herald logs through SLF4J; tests run it on Logback.
 *
 * <p>An appender attached to the Logback logger takes each event and marks it taken; every other appender of the
 * context (the console's) is given a filter that refuses a taken event. Logback hands an event to the logger's own
 * appenders before its parents', so an event this capture took is never printed, whichever thread logs it and however
 * soon the capture is closed after (turning the logger's additivity off instead would print an event that was being
 * handed on while the capture closed). The logger's level is left as configured unless a level is given.
 */
public final class CapturedLog implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    /** The events some capture took, until they are collected: the console's filter refuses them. */
    private static final Set<ILoggingEvent> TAKEN = Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

    private final Logger logger;
    private final Level previousLevel;
    private final BlockingQueue<ILoggingEvent> events = new LinkedBlockingQueue<>();
    private final Taker taker = new Taker();

    private CapturedLog(Logger logger, Level level) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
        LoggerContext context = logger.getLoggerContext();
        for (Logger each : context.getLoggerList()) {
            each.iteratorForAppenders().forEachRemaining(CapturedLog::refuseTaken);
        }
        taker.setContext(context);
        taker.setName("captured-" + logger.getName());
        taker.start();
        logger.addAppender(taker);
        if (level != null) {
            logger.setLevel(level);
        }
    }

    /** Captures what the logger named after {@code owner} writes, until closed. */
    public static CapturedLog of(Class<?> owner) {
        return of(owner.getName());
    }

    /** Captures what the logger of that name writes (a library's, whose class is not to be named), until closed. */
    public static CapturedLog of(String loggerName) {
        return new CapturedLog(logback(loggerName), null);
    }

    /**
     * Captures what the logger of that name writes at {@code level} and above, whatever its configured level (a logger
     * that is off by default, such as the access log), until closed; the configured level comes back at close.
     */
    public static CapturedLog of(String loggerName, org.slf4j.event.Level level) {
        return new CapturedLog(logback(loggerName), Level.toLevel(level.name()));
    }

    /** Gives {@code appender} the filter that refuses taken events, once (a context reset makes new appenders). */
    private static void refuseTaken(Appender<ILoggingEvent> appender) {
        if (!(appender instanceof Taker)
                && appender.getCopyOfAttachedFiltersList().stream().noneMatch(RefuseTaken.class::isInstance)) {
            RefuseTaken filter = new RefuseTaken();
            filter.start();
            appender.addFilter(filter);
        }
    }

    private static Logger logback(String loggerName) {
        org.slf4j.Logger logger = LoggerFactory.getLogger(loggerName);
        if (!(logger instanceof Logger logback)) {
            throw new IllegalStateException("CapturedLog needs Logback behind SLF4J on the test class path, found "
                    + logger.getClass().getName() + "; add ch.qos.logback:logback-classic at the test scope");
        }
        return logback;
    }

    /** The next event's message (with its exception's message, if any), waiting for it a few seconds. */
    public String awaitMessage() {
        ILoggingEvent event = awaitEvent();
        IThrowableProxy thrown = event.getThrowableProxy();
        return thrown == null ? event.getFormattedMessage()
                : event.getFormattedMessage() + " / " + thrown.getMessage();
    }

    /** The next event, waiting for it a few seconds: its level, its key-value pairs and its message. */
    public ILoggingEvent awaitEvent() {
        try {
            ILoggingEvent event = events.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("a log line within " + PATIENCE).isNotNull();
            return event;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for an event whose message holds {@code text}, passing over the others. */
    public String awaitMessageContaining(String text) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ILoggingEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event != null && event.getFormattedMessage().contains(text)) {
                    return event.getFormattedMessage();
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no log line containing \"" + text + "\" within " + PATIENCE);
    }

    /** The messages of the events taken so far and not yet awaited, oldest first; they are not returned again. */
    public List<String> drainMessages() {
        List<ILoggingEvent> taken = new ArrayList<>();
        events.drainTo(taken);
        return taken.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Checks that nothing was logged so far. */
    public void assertNothingLogged() {
        ILoggingEvent event = events.peek();
        assertThat(event).as("no log line, found: %s", event == null ? null : event.getFormattedMessage()).isNull();
    }

    @Override
    public void close() {
        logger.setLevel(previousLevel);
        logger.detachAppender(taker);
        taker.stop();
    }

    /** The filter of the other appenders: what a capture took is not theirs to write. */
    private static final class RefuseTaken extends Filter<ILoggingEvent> {
        @Override
        public FilterReply decide(ILoggingEvent event) {
            return TAKEN.contains(event) ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    }

    /** The appender that takes the events into the queue. */
    private final class Taker extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            TAKEN.add(event);
            events.add(event);
        }
    }
}
