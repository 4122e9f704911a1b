package dev.herald.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Coverage and overlap between two patterns, decided on their texts; checked against every short name too. */
class ChannelPatternCoverageTest {

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "*           | orders.*      | true",
            "orders.*    | orders.*      | true",
            "orders.*    | orders.eu.*   | true",
            "orders.*    | orders.eu     | true",
            "orders.*    | orders*       | false",
            "orders.eu.* | orders.*      | false",
            "*.eu        | orders.*.eu   | true",
            "*.eu        | orders.*      | false",
            "a*b         | a*x*b         | true",
            "a*b         | ab*           | false",
            "user-42     | user-*        | false",
            "user-*      | user-42       | true",
    })
    void aGrantCoversARequestedPatternWhenEveryNameItMatchesIsGranted(String grant, String requested, boolean covers) {
        assertThat(ChannelPattern.of(grant).covers(requested)).isEqualTo(covers);
    }

    @ParameterizedTest(name = "{0} overlaps {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "private.*   | *             | true",
            "private.*   | pri*          | true",
            "private.*   | *.secret      | true",
            "private.*   | public.*      | false",
            "private.*   | orders.*      | false",
            "*.secret    | orders.*      | true",
            "*.secret    | orders.*.eu   | false",
            "a*          | *b            | true",
            "ab          | a*b           | true",
            "ab          | a*c           | false",
            "user-42     | user-42       | true",
            "user-42     | user-43       | false",
    })
    void aPatternOverlapsAnotherWhenSomeNameMatchesBoth(String privatePattern, String requested, boolean overlaps) {
        assertThat(ChannelPattern.of(privatePattern).overlaps(requested)).isEqualTo(overlaps);
        assertThat(ChannelPattern.of(requested).overlaps(privatePattern)).isEqualTo(overlaps);
    }

    @Test
    void coverageAndOverlapAgreeWithEveryNameUpToFourLetters() {
        List<String> names = new ArrayList<>();
        names.add("");
        for (int length = 1; length <= 4; length++) {
            for (int i = 0; i < 1 << length; i++) {
                StringBuilder name = new StringBuilder();
                for (int bit = 0; bit < length; bit++) {
                    name.append((i >> bit & 1) == 0 ? 'a' : 'b');
                }
                names.add(name.toString());
            }
        }
        Random random = new Random(19);
        for (int n = 0; n < 2_000; n++) {
            String one = randomPattern(random);
            String other = randomPattern(random);
            ChannelPattern first = ChannelPattern.of(one);
            ChannelPattern second = ChannelPattern.of(other);
            boolean someBoth = names.stream().anyMatch(name -> first.matches(name) && second.matches(name));
            boolean allCovered = names.stream().filter(second::matches).allMatch(first::matches);
            // Names of up to four letters witness every overlap of patterns this short; a missed coverage needs a
            // name no longer than the covered pattern's text, plus one letter for each *.
            assertThat(first.overlaps(other)).as(one + " overlaps " + other).isEqualTo(someBoth);
            if (first.covers(other)) {
                assertThat(allCovered).as(one + " covers " + other).isTrue();
            }
        }
    }

    private static String randomPattern(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            text.append("ab*".charAt(random.nextInt(3)));
        }
        return text.toString();
    }
}
