package dev.herald.examples.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet in README.md is, character for character, a source file of an example module (which the build
 * compiles and whose tests run it), so the README cannot drift from code that works.
 */
class ReadmeSnippetsTest {

    private static final Path ROOT = Path.of("..", "..");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaSnippetOfTheReadmeIsAnExampleSourceFile() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<String> snippets = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(readme);
        while (m.find()) {
            snippets.add(m.group(1).strip());
        }
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("examples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("src/main")).toList()) {
                sources.add(Files.readString(file).strip());
            }
        }

        assertThat(snippets).as("the README shows at least the embedding example").isNotEmpty();
        for (String snippet : snippets) {
            assertThat(sources).as("a source file of examples/ that is exactly this README snippet:%n%s", snippet)
                    .contains(snippet);
        }
    }

    @Test
    void theReadmeShowsBothExamplesWholeTheEmbeddingAndTheSpringBootController() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (String example : List.of(
                "examples/embed-vertx/src/main/java/dev/herald/examples/embed/Notifications.java",
                "examples/spring-boot-notifications/src/main/java/dev/herald/examples/spring/NotificationController.java")) {
            assertThat(readme).as("README.md shows " + example).contains("```java\n" + Files.readString(ROOT.resolve(example)).strip() + "\n```");
        }
    }
}
