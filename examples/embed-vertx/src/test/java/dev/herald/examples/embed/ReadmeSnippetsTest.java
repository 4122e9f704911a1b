package dev.herald.examples.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of the documentation (README.md and every page of docs/) is, character for character, a source
 * file of an example module (which the build compiles and whose tests run it), so the docs cannot drift from code that
 * works.
 */
class ReadmeSnippetsTest {

    private static final Path ROOT = Path.of("..", "..");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    /** README.md and every Markdown page of docs/, so that no snippet escapes the check wherever it moves. */
    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>();
        documents.add(ROOT.resolve("README.md"));
        try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
            pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    @Test
    void everyJavaSnippetOfTheDocsIsAnExampleSourceFile() throws IOException {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("examples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("src/main")).toList()) {
                sources.add(Files.readString(file).strip());
            }
        }

        int snippets = 0;
        for (Path document : documents()) {
            Matcher m = JAVA_BLOCK.matcher(Files.readString(document));
            while (m.find()) {
                snippets++;
                assertThat(sources).as("a source file of examples/ that is exactly this snippet of %s:%n%s", document, m.group(1).strip())
                        .contains(m.group(1).strip());
            }
        }
        assertThat(snippets).as("the docs show at least the three examples").isGreaterThanOrEqualTo(3);
    }

    @Test
    void theDocsShowEachExampleWholeOnItsPage() throws IOException {
        Map<String, String> pageOfExample = Map.of(
                "examples/embed-vertx/src/main/java/dev/herald/examples/embed/Notifications.java", "docs/vertx.md",
                "examples/spring-boot-notifications/src/main/java/dev/herald/examples/spring/NotificationController.java", "docs/spring-boot.md",
                "examples/java-client/src/main/java/dev/herald/examples/client/Follow.java", "docs/java-client.md");
        pageOfExample.forEach((example, page) -> {
            try {
                assertThat(Files.readString(ROOT.resolve(page))).as(page + " shows " + example)
                        .contains("```java\n" + Files.readString(ROOT.resolve(example)).strip() + "\n```");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }
}
