package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.ChannelNames;
import dev.herald.broker.HeraldId;
import dev.herald.request.SseRoutesOptions;
import dev.herald.testing.SseTestClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The request line holds the largest stream a client may ask for, so no valid request is refused with 414. */
class RequestLineIT {

    @Test
    void theMostChannelsOfTheLongestNamesWithTheLongestIdOpenAStream() {
        int most = SseRoutesOptions.defaults().maxChannels();
        String name = "€".repeat(ChannelNames.MAX_LENGTH - 3); // three bytes of UTF-8, nine characters encoded
        String query = IntStream.range(0, most)
                .mapToObj(n -> "channel=" + URLEncoder.encode(name + String.format("%03d", n), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"))
                + "&lastEventId=" + URLEncoder.encode("€".repeat(HeraldId.MAX_LENGTH), StandardCharsets.UTF_8);
        assertThat(query.length()).isGreaterThan(115_000);
        try (RunningServer herald = RunningServer.start();
             SseTestClient stream = SseTestClient.connect(herald.uri("/stream?" + query))) {
            assertThat(stream.status()).isEqualTo(200);
            stream.nextRetry();
        }
    }
}
