package dev.herald.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebFilesTest {

    private final WebFiles sample = WebFiles.of("sample", List.of("index.html", "style.css"));

    @Test
    void theFolderItselfIsItsIndex() {
        assertThat(sample.find("").map(WebFile::name)).hasValue("index.html");
        assertThat(sample.find("/").map(WebFile::name)).hasValue("index.html");
        assertThat(sample.find("/index.html").map(WebFile::contentType)).hasValue("text/html; charset=utf-8");
    }

    @Test
    void onlyListedFilesAreFound() {
        assertThat(sample.find("style.css").map(file -> new String(file.bytes(), StandardCharsets.UTF_8)))
                .hasValue("body { margin: 0; }\n");
        assertThat(sample.find("../WebFiles.class")).isEmpty();
        assertThat(sample.find("nothing.js")).isEmpty();
        assertThat(sample.names()).containsExactly("index.html", "style.css");
    }

    @Test
    void theEtagIsAQuotedHashOfTheBytes() {
        String etag = sample.find("style.css").orElseThrow().etag();
        assertThat(etag).matches("\"[0-9a-f]{32}\"").isNotEqualTo(sample.find("").orElseThrow().etag());
        assertThat(WebFiles.of("sample", List.of("style.css")).find("style.css").orElseThrow().etag()).isEqualTo(etag);
    }

    @Test
    void aFolderCanListItsOwnFiles() {
        assertThat(WebFiles.listed("sample").names()).containsExactly("index.html", "style.css");
    }

    @Test
    void aMissingFileOrUnknownTypeStopsTheStart() {
        assertThatThrownBy(() -> WebFiles.of("sample", List.of("gone.js")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sample/gone.js");
        assertThatThrownBy(() -> WebFiles.of("sample", List.of("index.exe")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("index.exe");
    }
}
