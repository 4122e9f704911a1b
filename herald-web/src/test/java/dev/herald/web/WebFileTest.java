package dev.herald.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebFileTest {

    private final WebFile file = new WebFile("app.js", "text/javascript; charset=utf-8", new byte[0], "\"abc\"");

    @Test
    void anIfNoneMatchNamingTheEtagMeansNotModified() {
        assertThat(file.notModifiedFor("\"abc\"")).isTrue();
        assertThat(file.notModifiedFor("\"old\", \"abc\"")).as("one of a list").isTrue();
        assertThat(file.notModifiedFor("W/\"abc\"")).as("compared weakly").isTrue();
        assertThat(file.notModifiedFor("*")).isTrue();
    }

    @Test
    void anyOtherIfNoneMatchOrNoneMeansTheFileIsSent() {
        assertThat(file.notModifiedFor(null)).isFalse();
        assertThat(file.notModifiedFor("")).isFalse();
        assertThat(file.notModifiedFor("\"ab\"")).isFalse();
        assertThat(file.notModifiedFor("abc")).as("unquoted").isFalse();
    }
}
