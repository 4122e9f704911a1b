package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The nginx configuration that docs/operations.md shows is the file the nginx tests run,
 * {@code deploy/nginx/herald.conf}, word for word, so the page cannot drift from what is tested.
 */
class NginxConfigDocsTest {

    @Test
    void operationsShowsTheTestedNginxConfigurationWordForWord() throws Exception {
        String operations = Files.readString(Path.of("..", "docs", "operations.md"));
        String section = operations.substring(operations.indexOf("## Behind nginx"));
        assertThat(section).contains("```nginx\n" + Files.readString(Nginx.DOCUMENTED).stripTrailing() + "\n```\n");
    }
}
