package dev.herald.serve;

import dev.herald.access.AccessControl;
import dev.herald.access.AccessRefusedException;
import dev.herald.broker.Broker;
import dev.herald.broker.StoredEvent;
import dev.herald.clients.TrustedProxies;
import dev.herald.request.HistoryRequest;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.QueryString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET .../history}: one channel's retained events, read without subscribing, in these steps: the request's
 * form ({@link HistoryRequest}: 400 naming the parameter), access to the channel as for a stream (a private channel
 * needs a token that may read it: 401, 403), then the broker. Answers a page of the newest events first, and the
 * {@code next} id to read the older ones with {@code before}; a {@code before} that history does not hold (unknown,
 * or trimmed since) is a page with {@code historyGone}, as a poll says, never an error. 503 when the broker cannot
 * answer.
 *
 * <p>It reads with {@link Broker#latest}, which every broker keeps (the contract suite proves it): all that history
 * holds on the channel, so a read costs in proportion to the channel's retention (at most its {@code history}
 * events), not to the page.
 */
public final class HistoryService {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryService.class);

    private final Broker broker;
    private final AccessControl access;
    private final TrustedProxies trustedProxies;

    public HistoryService(Broker broker, AccessControl access, TrustedProxies trustedProxies) {
        this.broker = broker;
        this.access = access;
        this.trustedProxies = trustedProxies;
    }

    /** Serves a history request; the stage never fails: a broker that cannot answer is a 503. */
    public CompletionStage<HistoryOutcome> read(ServerRequest received) {
        HistoryRequest asked;
        try {
            ServerRequest request = ForwardedRequest.of(trustedProxies, received);
            Map<String, List<String>> query = QueryString.decode(request.rawQuery());
            asked = HistoryRequest.read(name -> query.getOrDefault(name, List.of()));
            access.admitStream(Set.of(asked.channel()), () -> request.credentials(access.allowsQueryToken()));
        } catch (InvalidRequestException invalid) {
            return CompletableFuture.completedFuture(Admission.badRequest(invalid));
        } catch (AccessRefusedException refused) {
            return CompletableFuture.completedFuture(Refused.of(refused));
        }
        return broker.latest(Set.of(asked.channel()), Integer.MAX_VALUE)
                .<HistoryOutcome>thenApply(read -> page(asked, read.events()))
                .exceptionally(error -> {
                    LOG.warn("history read answered 503: {}", error.getMessage());
                    return Refused.of(503, "the broker could not read the history; try again");
                });
    }

    /** The page {@code asked} for, from the channel's retained events, oldest first. */
    static HistoryOutcome.Page page(HistoryRequest asked, List<StoredEvent> oldestFirst) {
        int end = oldestFirst.size();
        if (asked.before() != null) {
            end = -1;
            for (int i = oldestFirst.size() - 1; i >= 0; i--) {
                if (oldestFirst.get(i).event().id().equals(asked.before())) {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                return new HistoryOutcome.Page(asked.channel(), List.of(), null, true);
            }
        }
        int start = Math.max(0, end - asked.limit());
        List<StoredEvent> newestFirst = new ArrayList<>(oldestFirst.subList(start, end));
        Collections.reverse(newestFirst);
        String next = start > 0 ? oldestFirst.get(start).event().id() : null;
        return new HistoryOutcome.Page(asked.channel(), newestFirst, next, false);
    }
}
