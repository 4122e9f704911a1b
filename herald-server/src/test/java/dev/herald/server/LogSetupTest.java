package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import dev.herald.testing.CapturedLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** The server's logging set up in this JVM: the levels land on Logback's loggers, and java.util.logging is bridged. */
class LogSetupTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    /** Back to the tests' own configuration (logback-test.xml) and java.util.logging's defaults. */
    @AfterEach
    void restore() throws Exception {
        SLF4JBridgeHandler.uninstall();
        LogManager.getLogManager().readConfiguration();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void theLevelsAndTheAccessLogAreLogbacksLevels() {
        LogSetup.apply(LogOptions.of("text", "warn,dev.herald=debug", true));
        assertThat(context.getLogger("io.vertx").getEffectiveLevel().toString()).isEqualTo("WARN");
        assertThat(context.getLogger("dev.herald.hub.Hub").getEffectiveLevel().toString()).isEqualTo("DEBUG");
        assertThat(context.getLogger(AccessLog.LOGGER).getEffectiveLevel().toString()).isEqualTo("INFO");

        LogSetup.apply(LogOptions.of("json", "info", false));
        assertThat(context.getLogger(AccessLog.LOGGER).getEffectiveLevel().toString()).isEqualTo("OFF");
        assertThat(context.getLogger("dev.herald.hub.Hub").getEffectiveLevel().toString()).isEqualTo("INFO");
    }

    @Test
    void theTextFormatIsOneLinePerMessageWhateverTheMessageHolds() {
        PrintStream console = System.err;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        LogSetup.apply(LogOptions.of("text", "info", false));
        System.setErr(new PrintStream(written, true, StandardCharsets.UTF_8));
        try {
            LoggerFactory.getLogger("dev.herald.broker.relay.RelayedBroker")
                    .warn("skipping a message on channel \"a\r\n2026-12-07 10:00:00 INFO dev.herald.X: forged\"");
        } finally {
            System.setErr(console);
        }
        assertThat(written.toString(StandardCharsets.UTF_8)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d WARN "
                + "dev\\.herald\\.broker\\.relay\\.RelayedBroker: skipping a message on channel \"a 2026-12-07 10:00:00 "
                + "INFO dev\\.herald\\.X: forged\"\n");
    }

    @Test
    void aLogbackFileOfTheOperatorsIsLeftToDecide() {
        LogSetup.apply(LogOptions.of("text", "info", false));
        System.setProperty(LogSetup.CONFIGURATION_FILE, "/etc/herald/logback.xml");
        try {
            LogSetup.apply(LogOptions.of("json", "error,dev.herald=trace", true));
        } finally {
            System.clearProperty(LogSetup.CONFIGURATION_FILE);
        }
        assertThat(context.getLogger("io.vertx").getEffectiveLevel().toString()).isEqualTo("INFO");
        assertThat(context.getLogger("dev.herald.hub.Hub").getEffectiveLevel().toString()).isEqualTo("INFO");
        assertThat(context.getLogger(AccessLog.LOGGER).getEffectiveLevel().toString()).isEqualTo("OFF");
    }

    @Test
    void whatTheJdksLoggersWriteReachesSlf4jAtItsLevel() {
        LogSetup.apply(LogOptions.of("text", "info,jdk.user=debug", false));
        try (CapturedLog log = CapturedLog.of("jdk.user")) {
            System.getLogger("jdk.user").log(System.Logger.Level.WARNING, "from System.Logger");
            java.util.logging.Logger.getLogger("jdk.user").fine("from java.util.logging, at FINE");
            java.util.logging.Logger.getLogger("jdk.user").finest("below debug: never made");

            ILoggingEvent warning = log.awaitEvent();
            assertThat(warning.getLevel().toString()).isEqualTo("WARN");
            assertThat(warning.getFormattedMessage()).isEqualTo("from System.Logger");
            ILoggingEvent fine = log.awaitEvent();
            assertThat(fine.getLevel().toString()).isEqualTo("DEBUG");
            assertThat(fine.getFormattedMessage()).isEqualTo("from java.util.logging, at FINE");
            log.assertNothingLogged();
        }
    }
}
