package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.TestHttp;
import dev.herald.web.WebFiles;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The page's files over real HTTP: only those its list names, each revalidated (so an upgrade reaches the browser at
 * once) and sent with the headers a page needs today.
 */
class PageIT {

    /** The page's folder in herald-web's sources (Failsafe runs in this module's folder). */
    private static final Path PAGE = Path.of("../herald-web/src/main/resources/dev/herald/web/page");

    private static RunningServer herald;

    @BeforeAll
    static void start() {
        herald = RunningServer.start();
    }

    @AfterAll
    static void stop() {
        herald.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/,              text/html; charset=utf-8",
        "/app.js,        text/javascript; charset=utf-8",
        "/connection.js, text/javascript; charset=utf-8",
        "/style.css,     text/css; charset=utf-8",
        "/favicon.ico,   image/x-icon",
        "/favicon.svg,   image/svg+xml",
    })
    void thePageFilesAreRevalidatedEachTimeNeverImmutable(String path, String contentType) {
        HttpResponse<String> response = TestHttp.get(herald.uri(path));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isNotEmpty();
        assertThat(response.headers().firstValue("Content-Type")).hasValue(contentType);
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-cache");
        assertThat(response.headers().firstValue("ETag")).hasValueSatisfying(
                etag -> assertThat(etag).matches("\"[0-9a-f]{32}\""));
        assertThat(response.headers().firstValue("Last-Modified")).isEmpty();
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(WebFiles.CONTENT_SECURITY_POLICY);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void thePageHasNoInlineScriptOrStyleAndLoadsItsOwnModule() {
        String page = TestHttp.get(herald.uri("/")).body();

        assertThat(page).doesNotContainPattern("<script>|<script [^>]*>[^<]+</script>|<style|\\sstyle=|\\son[a-z]+=");
        assertThat(page).contains("<script type=\"module\" src=\"app.js\"></script>").doesNotContainIgnoringCase("vue");
        assertThat(WebFiles.CONTENT_SECURITY_POLICY).doesNotContain("unsafe");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/app.js", "/style.css"})
    void anUnchangedFileIsA304(String path) {
        String etag = etagOf(path);

        HttpResponse<String> again = TestHttp.get(herald.uri(path), "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(again.headers().allValues("Cache-Control")).containsExactly("no-cache");
    }

    @Test
    void aChangedFileIsSentAgain() {
        HttpResponse<String> response = TestHttp.get(herald.uri("/app.js"),
                "If-None-Match", "\"00000000000000000000000000000000\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("import { Connection } from './connection.js';");
        assertThat(response.headers().firstValue("ETag")).hasValue(etagOf("/app.js"));
    }

    @Test
    void theETagsAreTheSameAfterARestartSoBrowsersKeepTheirCopies() {
        try (RunningServer restarted = RunningServer.start()) {
            for (String path : List.of("/", "/app.js", "/style.css")) {
                assertThat(TestHttp.get(restarted.uri(path), "If-None-Match", etagOf(path)).statusCode())
                        .as(path).isEqualTo(304);
            }
        }
    }

    @Test
    void everyFileOfThePageIsListedAndServedWithAnETag() throws IOException {
        try (Stream<Path> files = Files.list(PAGE)) {
            List<String> names = files.map(file -> file.getFileName().toString())
                    .filter(name -> !name.equals(WebFiles.LIST)).sorted().toList();
            assertThat(PageRoutes.PAGE.names()).as("the FILES list").isEqualTo(names);
            assertThat(names).map(name -> "/" + name)
                    .allSatisfy(path -> assertThat(TestHttp.get(herald.uri(path)).headers().firstValue("ETag"))
                            .as(path).isPresent());
        }
    }

    @Test
    void thePageLinksItsSvgIcon() {
        assertThat(TestHttp.get(herald.uri("/")).body())
                .contains("<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">");
    }

    @Test
    void headAnswersLikeGetWithoutTheBody() {
        HttpResponse<String> get = TestHttp.get(herald.uri("/app.js"));
        HttpResponse<String> head = TestHttp.request("HEAD", herald.uri("/app.js"));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(get.body().getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(head.headers().firstValue("ETag")).isEqualTo(get.headers().firstValue("ETag"));
        assertThat(head.headers().firstValue("Content-Type")).isEqualTo(get.headers().firstValue("Content-Type"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/webjars/vue/2.7.16/dist/vue.runtime.min.js", "/FILES", "/page/app.js", "/app.js/",
        "/dev/herald/web/WebFiles.class"})
    void whatThePageDoesNotListIsNotFound(String path) {
        HttpResponse<String> response = TestHttp.get(herald.uri(path));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).startsWith("{\"status\":\"error\"");
    }

    @Test
    void aPostToAFileOfThePageIsNotAnswered() {
        assertThat(TestHttp.request("POST", herald.uri("/app.js")).statusCode()).isEqualTo(404);
    }

    private static String etagOf(String path) {
        return TestHttp.get(herald.uri(path)).headers().firstValue("ETag").orElseThrow();
    }
}
