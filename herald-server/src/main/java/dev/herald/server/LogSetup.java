package dev.herald.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sets up the runnable server's logging from its {@link LogOptions}: Logback, configured here in code, writes every
 * logger's lines to standard error in the chosen format, at the chosen levels. Herald, Vert.x and Netty log through
 * SLF4J; what a library writes to java.util.logging (and {@link System.Logger}, which writes there) is bridged into
 * SLF4J, so every line has the one format.
 *
 * <p>An operator who wants Logback's full configuration (files, rotation, other appenders) gives the JVM
 * {@code -Dlogback.configurationFile=<file>}: the file then decides everything, and the three options are left to it.
 */
final class LogSetup {

    /**
     * {@code 2026-12-07 10:00:00 INFO dev.herald.X: message}, an exception's trace on the lines after. A message's
     * line breaks become spaces, so that text a client wrote (a channel name, a path) cannot forge a line.
     */
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd HH:mm:ss} %level %logger: %replace(%msg){'[\\r\\n]+', ' '}%n";

    /** The system property with which Logback reads a configuration file of the operator's instead. */
    static final String CONFIGURATION_FILE = "logback.configurationFile";

    private LogSetup() {
    }

    /** Configures the logging of this process; called once, before the server starts. */
    static void apply(LogOptions options) {
        // java.util.logging's records go to SLF4J, and no longer to its own console handler
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (System.getProperty(CONFIGURATION_FILE) != null || !(factory instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        // java.util.logging's levels follow Logback's: a record below them is not even made, let alone bridged
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        propagator.start();
        context.addListener(propagator);

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder(options.format(), context));
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        root.setLevel(Level.toLevel(options.levels().root()));
        context.getLogger(AccessLog.LOGGER).setLevel(options.accessLog() ? Level.INFO : Level.OFF);
        options.levels().byLogger().forEach((logger, level) -> context.getLogger(logger).setLevel(Level.toLevel(level)));
    }

    private static Encoder<ILoggingEvent> encoder(LogOptions.Format format, LoggerContext context) {
        if (format == LogOptions.Format.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            // what an operator reads: no Logback bookkeeping (sequence, nanoseconds, context, the message's arguments)
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithArguments(false);
            json.setWithMDC(false); // Herald puts nothing there
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }
}
