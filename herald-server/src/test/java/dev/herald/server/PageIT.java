package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.TestHttp;
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

/** The page's caching over real HTTP: its files revalidate, so an upgrade reaches the browser at once. */
class PageIT {

    private static final Path WEBROOT = Path.of("src/main/resources/webroot");

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
        "/,            text/html;charset=UTF-8",
        "/app.js,      text/javascript;charset=UTF-8",
        "/style.css,   text/css;charset=UTF-8",
        "/favicon.ico, image/x-icon",
        "/favicon.svg, image/svg+xml",
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
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(PageRoutes.CONTENT_SECURITY_POLICY);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void thePageHasNoInlineScriptOrStyleAndUsesVuesRuntimeOnlyBuild() {
        String page = TestHttp.get(herald.uri("/")).body();

        assertThat(page).doesNotContainPattern("<script>|<script [^>]*>[^<]+</script>|<style|\\sstyle=|\\son[a-z]+=");
        assertThat(page).contains("/dist/vue.runtime.min.js\"");
        assertThat(PageRoutes.CONTENT_SECURITY_POLICY).doesNotContain("unsafe");
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
        assertThat(response.body()).contains("new Vue(");
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
    void everyFileOfThePageHasAnETag() throws IOException {
        try (Stream<Path> files = Files.list(WEBROOT)) {
            assertThat(files.map(file -> "/" + file.getFileName()).toList())
                    .isNotEmpty()
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
    void aWebJarHasItsVersionInTheUrlSoItStaysCached() {
        String page = TestHttp.get(herald.uri("/")).body();
        String vue = page.replaceAll("(?s).*<script src=\"(webjars/vue/[^\"]+)\".*", "$1");

        HttpResponse<String> response = TestHttp.get(herald.uri("/" + vue));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
                cacheControl -> assertThat(cacheControl).contains("immutable").contains("max-age="));
    }

    private static String etagOf(String path) {
        return TestHttp.get(herald.uri(path)).headers().firstValue("ETag").orElseThrow();
    }
}
