package dev.herald.redis.cstreams;

import dev.herald.redis.RedisScript;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.Collection;

/**
 * What the partitioned Streams broker keeps in Redis, and the requests that read and write it; nothing here sends them.
 * Every key of partition {@code p} holds its hash tag {@code T} = {@link Partitions#tag}, so one script touches one slot:
 *
 * <ul>
 *   <li>{@code herald:T:stream:<channel>}: a channel's history, capped by length, entry ids {@code <stamp>-0}, one
 *       field {@code e} with the event in flask-sse's JSON;</li>
 *   <li>{@code herald:T:live}: the sharded Pub/Sub channel ({@code SPUBLISH}) announcing the partition's events,
 *       {@code "<stamp> <channel>\n<json>"};</li>
 *   <li>{@code herald:T:clock}: the partition's newest stamp; {@code herald:T:origin}: the first stamp of its data set
 *       (set by the first publish, or by the first node to watch the partition);</li>
 *   <li>{@code herald:T:lost}: the newest stamp the partition is known to have lost (a failover to a replica that
 *       lacked acknowledged events, see {@link Losses}): a position before it says history gone;</li>
 *   <li>{@code herald:T:trimmed}: channel to the newest stamp the length cap removed;
 *       {@code herald:T:channels}: the channel names published on, which a pattern's replay filters.</li>
 * </ul>
 * Apart from them, {@value #COUNT_KEY} holds the partition count, read once when a node starts.
 */
final class PartitionKeys {

    /** The partition count the data was written with. */
    static final String COUNT_KEY = "herald:partitions";
    private static final RedisScript PUBLISH_SCRIPT = RedisScript.load(PartitionKeys.class, "publish.lua");
    private static final RedisScript LOST_SCRIPT = RedisScript.load(PartitionKeys.class, "lost.lua");
    private static final RedisScript WATCH_SCRIPT = RedisScript.load(PartitionKeys.class, "watch.lua");
    private static final RedisScript COUNT_SCRIPT = RedisScript.load(PartitionKeys.class, "count.lua");

    private PartitionKeys() {
    }

    static String stream(String channel) {
        return prefix(Partitions.of(channel)) + "stream:" + channel;
    }

    static String live(int partition) {
        return prefix(partition) + "live";
    }

    /** The partition whose announcements {@code liveChannel} carries, or -1 when it is none of them. */
    static int partitionOfLive(String liveChannel) {
        for (int p = 0; p < Partitions.COUNT; p++) {
            if (live(p).equals(liveChannel)) {
                return p;
            }
        }
        return -1;
    }

    static String entryId(long stamp) {
        return stamp + "-0";
    }

    static long stampOfEntry(String entryId) {
        return Long.parseLong(entryId.substring(0, entryId.indexOf('-')));
    }

    /**
     * Runs {@code publish.lua}; replies with the event's stamp, the partition's newest stamp before it, and the stamp it
     * recorded lost (0 for none): the partition's newest was below {@code knownStamp}, the newest this node knew existed
     * there.
     */
    static RedisScript.Call publish(String channel, int maxLength, String json, long candidateStamp, long knownStamp) {
        String prefix = prefix(Partitions.of(channel));
        return PUBLISH_SCRIPT.call(request -> request.arg(6)
                .arg(prefix + "clock").arg(prefix + "origin").arg(stream(channel)).arg(prefix + "trimmed")
                .arg(prefix + "channels").arg(prefix + "lost")
                .arg(live(Partitions.of(channel))).arg(maxLength).arg(json).arg(candidateStamp).arg(channel)
                .arg(knownStamp));
    }

    /** A partition's newest stamp, origin and lost stamp, each nil when absent. */
    static Request head(int partition) {
        return Request.cmd(Command.MGET).arg(prefix(partition) + "clock").arg(prefix(partition) + "origin")
                .arg(prefix(partition) + "lost");
    }

    /**
     * Runs {@code watch.lua}: gives a partition an origin if it has none, then replies as {@link #head}; so a node that
     * watches an empty partition learns later whether its data set was replaced.
     */
    static RedisScript.Call watch(int partition, long candidateStamp) {
        String prefix = prefix(partition);
        return WATCH_SCRIPT.call(request -> request.arg(3).arg(prefix + "clock").arg(prefix + "origin")
                .arg(prefix + "lost").arg(candidateStamp));
    }

    /**
     * Runs {@code lost.lua}: records that the partition lost the stamps up to {@code stamp} and announces it on the
     * partition's live channel ({@code lost <stamp>}); replies with the partition's lost stamp. {@code replaced}: its
     * data set was replaced, and holds what came after the loss (its origin moves back to {@code stamp}).
     */
    static RedisScript.Call recordLoss(int partition, long stamp, boolean replaced) {
        String prefix = prefix(partition);
        return LOST_SCRIPT.call(request -> request.arg(3).arg(prefix + "clock").arg(prefix + "lost")
                .arg(prefix + "origin").arg(stamp).arg(live(partition)).arg(replaced ? "1" : "0"));
    }

    /** A channel's entries after stamp {@code after} up to and including {@code until}, oldest first. */
    static Request range(String channel, long after, long until) {
        return Request.cmd(Command.XRANGE).arg(stream(channel)).arg(entryId(after + 1)).arg(entryId(until));
    }

    /** A channel's newest {@code count} entries up to and including stamp {@code until}, newest first. */
    static Request newestUpTo(String channel, long until, int count) {
        return Request.cmd(Command.XREVRANGE).arg(stream(channel)).arg(entryId(until)).arg("-").arg("COUNT").arg(count);
    }

    /** Every entry a channel's stream holds, newest first. */
    static Request newestFirst(String channel) {
        return Request.cmd(Command.XREVRANGE).arg(stream(channel)).arg("+").arg("-");
    }

    /** The channel names published on in a partition. */
    static Request channelNames(int partition) {
        return Request.cmd(Command.SMEMBERS).arg(prefix(partition) + "channels");
    }

    /** The trimmed marks of channels of one partition, in their order; nil for a channel never trimmed. */
    static Request trimmedMarks(int partition, Collection<String> channels) {
        Request marks = Request.cmd(Command.HMGET).arg(prefix(partition) + "trimmed");
        channels.forEach(marks::arg);
        return marks;
    }

    /** Records the partition count if none is, and replies with the count recorded. */
    static RedisScript.Call recordCount() {
        return COUNT_SCRIPT.call(request -> request.arg(1).arg(COUNT_KEY).arg(Partitions.COUNT));
    }

    private static String prefix(int partition) {
        return "herald:" + Partitions.tag(partition) + ":";
    }
}
