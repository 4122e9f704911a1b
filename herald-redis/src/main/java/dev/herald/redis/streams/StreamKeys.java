package dev.herald.redis.streams;

import dev.herald.redis.RedisScript;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.Collection;

/**
 * What the Streams broker keeps in Redis, and the requests that read and write it; nothing here sends them.
 *
 * <ul>
 *   <li>{@code herald:stream:<channel>}: a channel's history, a stream capped by length whose entry ids are
 *       {@code <sequence>-0} and whose one field {@code e} holds the event in flask-sse's JSON;</li>
 *   <li>{@code herald:live:<channel>}: the Pub/Sub channel that carries its {@link Announcement}s;</li>
 *   <li>{@code herald:epoch}: when the data set was created, in ms;</li>
 *   <li>{@code herald:seq}: the last sequence given, one counter across all channels;</li>
 *   <li>{@code herald:trimmed}: a hash from channel to the newest sequence the length cap removed from it;</li>
 *   <li>{@code herald:channels}: the set of every channel name published on (since this key was introduced), which a
 *       pattern's replay filters: one {@code SADD} per publish, one {@code SMEMBERS} per pattern replay.</li>
 * </ul>
 */
final class StreamKeys {

    static final String EPOCH = "herald:epoch";
    static final String SEQUENCE = "herald:seq";
    static final String TRIMMED = "herald:trimmed";
    static final String CHANNELS = "herald:channels";
    private static final String STREAM = "herald:stream:";
    private static final String LIVE = "herald:live:";
    private static final RedisScript PUBLISH_SCRIPT = RedisScript.load(StreamKeys.class, "publish.lua");
    private static final RedisScript HEAD_SCRIPT = RedisScript.load(StreamKeys.class, "head.lua");
    private static final RedisScript PUBLISH_MANY_SCRIPT = RedisScript.load(StreamKeys.class, "publish-many.lua");

    private StreamKeys() {
    }

    /** The stream that holds a channel's history. */
    static String stream(String channel) {
        return STREAM + channel;
    }

    /** The Pub/Sub channel that announces a channel's events. */
    static String live(String channel) {
        return LIVE + channel;
    }

    /** The channel whose announcements {@code liveChannel} (a name {@link #live} gave) carries. */
    static String channelOfLive(String liveChannel) {
        return liveChannel.substring(LIVE.length());
    }

    /** The stream entry id of a sequence. */
    static String entryId(long sequence) {
        return sequence + "-0";
    }

    /** The sequence of a stream entry id ({@code <sequence>-0}). */
    static long sequenceOfEntry(String entryId) {
        return Long.parseLong(entryId.substring(0, entryId.indexOf('-')));
    }

    /**
     * Runs {@code publish.lua}: stores the event and announces it, atomically, creating the data set's epoch as
     * {@code epochCandidateMillis} if there is none. Replies {@code [epoch ms, sequence]}.
     */
    static RedisScript.Call publish(String channel, int maxLength, String json, long epochCandidateMillis) {
        return PUBLISH_SCRIPT.call(request -> request.arg(5)
                .arg(EPOCH).arg(SEQUENCE).arg(stream(channel)).arg(TRIMMED).arg(CHANNELS)
                .arg(live(channel)).arg(maxLength).arg(json).arg(epochCandidateMillis).arg(channel));
    }

    /**
     * Runs {@code publish-many.lua}: {@link #publish} for several channels with one sequence, each channel's stream
     * holding the event at that sequence, each channel's announcement naming all of them ({@link Announcement}).
     *
     * @param channelsJson the channels as a JSON array
     * @param maxLengths   each channel's cap, in the order of {@code channels}
     */
    static RedisScript.Call publishMany(java.util.List<String> channels, String channelsJson, int[] maxLengths,
            String json, long epochCandidateMillis) {
        return PUBLISH_MANY_SCRIPT.call(request -> {
            request.arg(4 + channels.size()).arg(EPOCH).arg(SEQUENCE).arg(TRIMMED).arg(CHANNELS);
            channels.forEach(channel -> request.arg(stream(channel)));
            request.arg(json).arg(epochCandidateMillis).arg(channelsJson);
            for (int i = 0; i < channels.size(); i++) {
                request.arg(live(channels.get(i))).arg(maxLengths[i]).arg(channels.get(i));
            }
            return request;
        });
    }

    /**
     * Runs {@code head.lua}: the data set's epoch (created as {@code epochCandidateMillis} if there is none) and
     * its latest sequence. Replies {@code [epoch ms, sequence]}.
     */
    static RedisScript.Call head(long epochCandidateMillis) {
        return HEAD_SCRIPT.call(request -> request.arg(2).arg(EPOCH).arg(SEQUENCE).arg(epochCandidateMillis));
    }

    /** A channel's entries after sequence {@code after} up to and including {@code until}, oldest first. */
    static Request range(String channel, long after, long until) {
        return Request.cmd(Command.XRANGE).arg(stream(channel)).arg(entryId(after + 1)).arg(entryId(until));
    }

    /** A channel's newest {@code count} entries up to and including sequence {@code until}, newest first. */
    static Request newestUpTo(String channel, long until, int count) {
        return Request.cmd(Command.XREVRANGE).arg(stream(channel)).arg(entryId(until)).arg("-").arg("COUNT").arg(count);
    }

    /** Every entry a channel's stream holds, newest first. */
    static Request newestFirst(String channel) {
        return Request.cmd(Command.XREVRANGE).arg(stream(channel)).arg("+").arg("-");
    }

    /** Every channel name published on, in no order. */
    static Request channelNames() {
        return Request.cmd(Command.SMEMBERS).arg(CHANNELS);
    }

    /** The trimmed marks of the channels, in their order; nil for a channel never trimmed. */
    static Request trimmedMarks(Collection<String> channels) {
        Request marks = Request.cmd(Command.HMGET).arg(TRIMMED);
        channels.forEach(marks::arg);
        return marks;
    }
}
