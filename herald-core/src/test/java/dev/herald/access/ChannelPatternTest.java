package dev.herald.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelPatternTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            // anchored at both ends
            "user-42     | user-42        | true",
            "user-42     | user-420       | false",
            "user-42     | auser-42       | false",
            "orders-*    | orders-        | true",
            "orders-*    | orders-eu-7    | true",
            "orders-*    | orders         | false",
            "orders-*    | my-orders-1    | false",
            "*-eu        | orders-eu      | true",
            "*-eu        | orders-eu-1    | false",
            // * alone, and several
            "*           | anything at all | true",
            "**          | x              | true",
            "a*b*c       | abc            | true",
            "a*b*c       | aXbYc          | true",
            "a*b*c       | aXbYcZ         | false",
            "a*b*c       | acb            | false",
            "*a*a*       | banana         | true",
            "*ab*ab      | xabyabzab      | true",
            "a*ab        | aaab           | true",
            // regex characters are themselves
            "a.b         | a.b            | true",
            "a.b         | aXb            | false",
            "a+         | a+             | true",
            "a+         | aa             | false",
            "[ab]?       | [ab]?          | true",
            "[ab]?       | a              | false",
            "(x+y)*      | (x+y)-1        | true",
            "^a$\\d      | ^a$\\d         | true",
            "${x}.*      | ${x}.anything  | true",
            "${x}.*      | ${x}Xanything  | false",
    })
    void matchesWholeNamesWithStarAsTheOnlyWildcard(String pattern, String channel, boolean matches) {
        assertThat(ChannelPattern.of(pattern).matches(channel)).isEqualTo(matches);
    }

    @org.junit.jupiter.api.Test
    void theEmptyPatternMatchesNoChannelAndStarMatchesTheEmptyRun() {
        assertThat(ChannelPattern.of("").matches("a")).isFalse();
        assertThat(ChannelPattern.of("").matches("")).isTrue();
        assertThat(ChannelPattern.of("*").matches("")).isTrue();
        assertThat(ChannelPattern.of("a*").matches("a")).isTrue();
    }

    @org.junit.jupiter.api.Test
    void manyStarsOverALongNameStayFast() {
        String name = "a".repeat(200);
        assertThat(ChannelPattern.of("*a*a*a*a*a*a*a*a*a*a*b").matches(name)).isFalse();
        assertThat(ChannelPattern.of("*a*a*a*a*a*a*a*a*a*a*").matches(name)).isTrue();
    }
}
