package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.hub.Resume.FirstRead;
import dev.herald.hub.Resume.Opening;
import dev.herald.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Where a stream starts, without threads or a broker: the replies a broker would give are written out here. Sequences
 * are small numbers and event {@code N} has the id {@code e-N}; its frame is {@code id: e-N\ndata: event N\n\n}.
 */
class ResumeTest {

    private static final Set<String> A = Set.of("a");
    private static final Set<String> A_B = Set.of("a", "b");

    // ---- what is read, and after what ----

    @Test
    void aClientWithACursorReadsNothingBeforeItsStreamOpensAndReplaysAfterItsCursor() {
        Resume resume = new Resume(A, "e-3", 0);

        assertThat(resume.firstRead()).isEqualTo(FirstRead.NOTHING);
        assertThat(resume.replayAfter(null)).isEqualTo("e-3");
    }

    @Test
    void aCursorWinsOverARewind() {
        Resume resume = new Resume(A, "e-3", 5);

        assertThat(resume.firstRead()).isEqualTo(FirstRead.NOTHING);
        assertThat(resume.replayAfter(null)).isEqualTo("e-3");
    }

    @Test
    void aNewClientReadsTheHeadFirstAndReplaysAfterIt() {
        Resume resume = new Resume(A, null, 0);

        assertThat(resume.firstRead()).isEqualTo(FirstRead.HEAD);
        assertThat(resume.replayAfter(head(4))).isEqualTo("e-4");
    }

    @Test
    void aRewindingClientReadsTheNewestEventsFirstAndReplaysAfterTheHeadTheyWereReadAt() {
        Resume resume = new Resume(A, null, 2);

        assertThat(resume.firstRead()).isEqualTo(FirstRead.NEWEST);
        assertThat(resume.replayAfter(new Replay(List.of(event("a", 3), event("a", 4)), false, 6, "e-6")))
                .isEqualTo("e-6");
    }

    // ---- a new client ----

    @Test
    void aNewClientWithNothingPublishedMeanwhileGetsTheHeadAsItsResumePoint() {
        Opening opening = new Resume(A, null, 0).opening(head(4), nothingAfter(4));

        assertThat(texts(opening.events())).isEmpty();
        assertThat(text(opening.resumePoint())).isEqualTo("id: e-4\n\n");
        assertThat(opening.startAfter()).isEqualTo(4);
        assertThat(opening.resumed()).isFalse();
        assertThat(opening.historyGone()).isFalse();
    }

    @Test
    void aNewClientOfAnEmptyBrokerStartsAfterTheStart() {
        Opening opening = new Resume(A, null, 0).opening(head(0), nothingAfter(0));

        assertThat(text(opening.resumePoint())).isEqualTo("id: e-0\n\n");
        assertThat(opening.startAfter()).isZero();
    }

    @Test
    void aNewClientGetsTheEventsOfItsChannelsPublishedBetweenItsHeadAndTheJoinAndNoResumePoint() {
        Replay meanwhile = new Replay(List.of(event("a", 5), event("a", 7)), false, 7, "e-7");

        Opening opening = new Resume(A, null, 0).opening(head(4), meanwhile);

        assertThat(texts(opening.events())).containsExactly(frame(5), frame(7));
        assertThat(opening.resumePoint()).as("the last event sets the id").isNull();
        assertThat(opening.startAfter()).isEqualTo(7);
    }

    @Test
    void aNewClientWhoseChannelsWereQuietWhileOthersPublishedGetsTheNewHeadAsItsResumePoint() {
        Opening opening = new Resume(A, null, 0).opening(head(4), nothingAfter(9));

        assertThat(texts(opening.events())).isEmpty();
        assertThat(text(opening.resumePoint())).isEqualTo("id: e-9\n\n");
        assertThat(opening.startAfter()).isEqualTo(9);
    }

    @Test
    void aNewClientWhoseHeadWasTrimmedBeforeTheReplayIsToldSoWithoutALastEventId() throws Exception {
        Replay gone = new Replay(List.of(event("a", 8)), true, 8, "e-8");

        Opening opening = new Resume(A, null, 0).opening(head(4), gone);

        assertThat(texts(opening.events())).containsExactly(
                "event: history-gone\ndata: {\"lastEventId\":null,\"channels\":[\"a\"]}\n\n", frame(8));
        assertThat(opening.resumePoint()).isNull();
        assertThat(opening.historyGone()).isTrue();
        assertThat(opening.resumed()).isFalse();
    }

    // ---- a client with a cursor ----

    @Test
    void aCursorInsideHistoryGetsTheEventsAfterItAndNoResumePoint() {
        Replay missed = new Replay(List.of(event("a", 4), event("b", 5)), false, 5, "e-5");

        Opening opening = new Resume(A_B, "e-3", 0).opening(null, missed);

        assertThat(texts(opening.events())).containsExactly(frame(4), frame(5));
        assertThat(opening.resumePoint()).isNull();
        assertThat(opening.startAfter()).isEqualTo(5);
        assertThat(opening.resumed()).isTrue();
        assertThat(opening.historyGone()).isFalse();
    }

    @Test
    void aCursorAtTheHeadGetsNoFrameAndStartsAfterTheHead() {
        Opening opening = new Resume(A, "e-6", 0).opening(null, nothingAfter(6));

        assertThat(opening.events()).isEmpty();
        assertThat(opening.resumePoint()).as("its own cursor is right").isNull();
        assertThat(opening.startAfter()).isEqualTo(6);
        assertThat(opening.resumed()).as("a replay served, if empty").isTrue();
    }

    @Test
    void aCursorUpToDateOnItsChannelsStartsAfterTheHeadOfAllOfThemWithoutAResumePoint() {
        Opening opening = new Resume(A, "e-3", 0).opening(null, nothingAfter(9));

        assertThat(opening.events()).isEmpty();
        assertThat(opening.resumePoint()).isNull();
        assertThat(opening.startAfter()).isEqualTo(9);
    }

    @Test
    void theStartIsTheHeadWhenItIsPastTheLastMissedEvent() {
        Replay missed = new Replay(List.of(event("a", 4)), false, 8, "e-8");

        Opening opening = new Resume(A, "e-3", 0).opening(null, missed);

        assertThat(texts(opening.events())).containsExactly(frame(4));
        assertThat(opening.startAfter()).isEqualTo(8);
    }

    @Test
    void aCursorOlderThanHistoryGetsHistoryGoneThenAllThatHistoryHolds() {
        Replay trimmed = new Replay(List.of(event("a", 4), event("b", 5)), true, 5, "e-5");

        Opening opening = new Resume(Set.of("b", "a"), "e-1", 0).opening(null, trimmed);

        assertThat(texts(opening.events())).containsExactly(
                "event: history-gone\ndata: {\"lastEventId\":\"e-1\",\"channels\":[\"a\",\"b\"]}\n\n",
                frame(4), frame(5));
        assertThat(opening.resumePoint()).as("the last event sets the id").isNull();
        assertThat(opening.startAfter()).isEqualTo(5);
        assertThat(opening.resumed()).isTrue();
        assertThat(opening.historyGone()).isTrue();
    }

    @Test
    void anUnknownCursorWithNothingKeptGetsHistoryGoneThenTheHeadAsItsResumePoint() {
        Opening opening = new Resume(A, "no-such-id", 0).opening(null, new Replay(List.of(), true, 7, "e-7"));

        assertThat(texts(opening.events())).containsExactly(
                "event: history-gone\ndata: {\"lastEventId\":\"no-such-id\",\"channels\":[\"a\"]}\n\n");
        assertThat(text(opening.resumePoint())).isEqualTo("id: e-7\n\n");
        assertThat(opening.startAfter()).isEqualTo(7);
    }

    @Test
    void aPublishersOwnIdsAreSentAsTheyAreAndTheStartIsStillASequence() {
        StoredEvent own = new StoredEvent("a", 4, new SseEvent("order-17", "note", "hello", null));

        Opening opening = new Resume(A, "order-16", 0).opening(null, new Replay(List.of(own), false, 4, "e-4"));

        assertThat(texts(opening.events())).containsExactly("id: order-17\nevent: note\ndata: hello\n\n");
        assertThat(opening.startAfter()).isEqualTo(4);
    }

    // ---- rewind ----

    @Test
    void aRewindGetsTheNewestEventsReadWithTheHeadThenStartsAfterThatHead() {
        Replay newest = new Replay(List.of(event("a", 3), event("b", 5), event("a", 6)), false, 6, "e-6");

        Opening opening = new Resume(A_B, null, 3).opening(newest, nothingAfter(6));

        assertThat(texts(opening.events())).containsExactly(frame(3), frame(5), frame(6));
        assertThat(opening.resumePoint()).isNull();
        assertThat(opening.startAfter()).isEqualTo(6);
        assertThat(opening.resumed()).as("no cursor came").isFalse();
    }

    @Test
    void aRewindGetsTheNewestEventsThenThoseOfTheReplayFromTheirHeadInOrder() {
        Replay newest = new Replay(List.of(event("a", 2)), false, 2, "e-2");
        Replay meanwhile = new Replay(List.of(event("a", 3), event("a", 4)), false, 4, "e-4");

        Opening opening = new Resume(A, null, 1).opening(newest, meanwhile);

        assertThat(texts(opening.events())).containsExactly(frame(2), frame(3), frame(4));
        assertThat(opening.startAfter()).isEqualTo(4);
    }

    @Test
    void aRewindOfChannelsWithoutEventsGetsTheHeadAsItsResumePoint() {
        Opening opening = new Resume(A, null, 5).opening(head(4), nothingAfter(4));

        assertThat(opening.events()).isEmpty();
        assertThat(text(opening.resumePoint())).isEqualTo("id: e-4\n\n");
        assertThat(opening.startAfter()).isEqualTo(4);
    }

    @Test
    void aRewindWhoseHeadWasTrimmedBeforeTheReplayGetsHistoryGoneBeforeTheNewestEvents() {
        Replay newest = new Replay(List.of(event("a", 2)), false, 2, "e-2");
        Replay gone = new Replay(List.of(event("a", 9)), true, 9, "e-9");

        Opening opening = new Resume(A, null, 1).opening(newest, gone);

        assertThat(texts(opening.events())).containsExactly(
                "event: history-gone\ndata: {\"lastEventId\":null,\"channels\":[\"a\"]}\n\n", frame(2), frame(9));
        assertThat(opening.startAfter()).isEqualTo(9);
        assertThat(opening.historyGone()).isTrue();
    }

    // ---- no gap, no duplicate ----

    @Test
    void anEventPublishedBetweenTheJoinAndTheReplayIsSentOnceFromTheReplayAndSkippedLive() {
        // Joined at 4; "a" 5 published, then read by the replay, and also queued live to the subscriber.
        Replay missed = new Replay(List.of(event("a", 5)), false, 5, "e-5");

        Opening opening = new Resume(A, "e-4", 0).opening(null, missed);

        assertThat(texts(opening.events())).containsExactly(frame(5));
        assertThat(isLive(opening, 5)).as("its live copy is a duplicate").isFalse();
        assertThat(isLive(opening, 6)).as("published after the replay was read").isTrue();
    }

    @Test
    void eventsOnOtherChannelsMoveTheStartWithoutHidingAnyEventOfTheStream() {
        // The head went past the last event of "a" because "b" published; the next event of "a" comes after the head.
        Opening opening = new Resume(A, "e-4", 0).opening(null, nothingAfter(8));

        assertThat(isLive(opening, 8)).isFalse();
        assertThat(isLive(opening, 9)).isTrue();
    }

    @Test
    void aNewClientSkipsLiveCopiesOfEventsItsReplayHeld() {
        Replay meanwhile = new Replay(List.of(event("a", 5)), false, 5, "e-5");

        Opening opening = new Resume(A, null, 0).opening(head(4), meanwhile);

        assertThat(isLive(opening, 5)).isFalse();
        assertThat(isLive(opening, 6)).isTrue();
    }

    // ---- helpers ----

    /** The subscriber's rule for a live event that waited for the opening. */
    private static boolean isLive(Opening opening, long sequence) {
        return sequence > opening.startAfter();
    }

    private static StoredEvent event(String channel, long sequence) {
        return new StoredEvent(channel, sequence, new SseEvent("e-" + sequence, null, "event " + sequence, null));
    }

    private static String frame(long sequence) {
        return "id: e-" + sequence + "\ndata: event " + sequence + "\n\n";
    }

    /** What a new client's first read gives: no events, the head. */
    private static Replay head(long sequence) {
        return new Replay(List.of(), false, sequence, "e-" + sequence);
    }

    /** A replay with nothing on the stream's channels, read at a head. */
    private static Replay nothingAfter(long sequence) {
        return head(sequence);
    }

    private static List<String> texts(List<byte[]> frames) {
        return frames.stream().map(ResumeTest::text).toList();
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }
}
