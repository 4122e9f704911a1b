package dev.herald.redis.cstreams;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledged events a partition lost: Redis replicates asynchronously, so a master may acknowledge a publish,
 * announce it and die before its replica has it; the promoted replica's partition then lacks it for good. This node
 * knows, per partition, what existed ({@link KnownStamps}: its own acknowledged publishes, events it delivered, heads
 * it read), and finds a loss without a round trip of its own: a publish passes the newest stamp this node knows existed
 * in the partition, and {@code publish.lua} records and announces a loss, before the event, when the partition's
 * newest is below it; every announcement carries the partition's newest stamp before the event, and a stamp known
 * between the two was lost. A restore's head below the newest known is a loss too, and after a publish fails this node reads the partition's head once Redis answers again (so a
 * node that only publishes still finds it). A loss is recorded in the partition ({@code lost.lua}: its lost stamp, the
 * largest so far, which a replay from before says history gone for) and announced to every node, which tells its
 * listeners of the partition a gap if it delivered less.
 *
 * <p>What stays unseen: a loss no surviving node knew of (the only node that published or received the events died
 * too, or none was told before the master died). Safe from any thread.
 */
final class Losses {

    private static final Logger LOG = LoggerFactory.getLogger(Losses.class);
    private static final long HEAD_CHECK_PERIOD_MILLIS = 500;
    private static final int HEAD_CHECK_ATTEMPTS = 120;

    private final Vertx vertx;
    private final Commands commands;
    private final KnownStamps known = new KnownStamps();
    private final AtomicBoolean[] headChecks = new AtomicBoolean[Partitions.COUNT];

    Losses(Vertx vertx, Commands commands) {
        this.vertx = vertx;
        this.commands = commands;
        for (int p = 0; p < Partitions.COUNT; p++) {
            headChecks[p] = new AtomicBoolean();
        }
    }

    /** A stamp that existed in a partition: an event delivered, a head read. */
    void known(int partition, long stamp) {
        known.existed(partition, stamp);
    }

    /** The newest stamp known to have existed in a partition; 0 for none. */
    long known(int partition) {
        return known.newest(partition);
    }

    /**
     * Redis acknowledged this node's publish of {@code stamp}; {@code lost}: the stamp {@code publish.lua} recorded lost
     * (the partition's newest was below the newest this node knew existed), 0 for none.
     */
    void published(int partition, long stamp, long lost) {
        if (lost > 0) {
            LOG.warn("partition " + partition + " lost events up to stamp " + lost + " (a failover to a replica that"
                    + " lacked them, or its data was replaced); recorded, so that every node tells its streams of the"
                    + " partition history-gone");
        }
        known.acknowledged(partition, stamp);
    }

    /** See {@link KnownStamps#lostBetween}. */
    long lostBetween(int partition, long before, long stamp, long delivered) {
        return known.lostBetween(partition, before, stamp, delivered);
    }

    /** Records that a partition lost acknowledged stamps up to {@code stamp}, and announces it. */
    Future<Long> record(int partition, long stamp) {
        return record(partition, stamp, false);
    }

    /**
     * Records that a partition lost the stamps up to {@code stamp} ({@code replaced}: its data set was replaced, and
     * holds what came after), and announces it; fails when Redis did not answer.
     */
    Future<Long> record(int partition, long stamp, boolean replaced) {
        LOG.warn("partition " + partition + " lost events it had acknowledged or announced (up to stamp " + stamp
                + "; a failover to a replica that lacked them, or its data was replaced); recording it, so that"
                + " every node tells its streams of the partition history-gone");
        return commands.run(PartitionKeys.recordLoss(partition, stamp, replaced)).map(Response::toLong)
                .onFailure(error -> LOG.warn("could not record the loss of partition " + partition + " up to stamp "
                        + stamp + ": " + error.getMessage()));
    }

    /**
     * A publish on the partition failed (a connection or cluster failure): once Redis answers again, a head below what
     * this node knew existed is a loss. At most one check per partition at a time; gives up after about a minute.
     */
    void publishFailed(int partition) {
        long knownAtFailure = known(partition);
        if (knownAtFailure == 0 || !headChecks[partition].compareAndSet(false, true)) {
            return;
        }
        checkHead(partition, knownAtFailure, HEAD_CHECK_ATTEMPTS);
    }

    private void checkHead(int partition, long knownAtFailure, int attemptsLeft) {
        commands.send(PartitionKeys.head(partition)).onComplete(read -> {
            if (read.succeeded()) {
                headChecks[partition].set(false);
                Response head = read.result().get(0);
                if (head == null || head.toLong() < knownAtFailure) {
                    record(partition, knownAtFailure);
                }
            } else if (attemptsLeft > 1) {
                vertx.setTimer(HEAD_CHECK_PERIOD_MILLIS, timer -> checkHead(partition, knownAtFailure, attemptsLeft - 1));
            } else {
                headChecks[partition].set(false);
                LOG.info("gave up checking partition " + partition + " for lost events after a failed publish: "
                        + read.cause().getMessage());
            }
        });
    }
}
