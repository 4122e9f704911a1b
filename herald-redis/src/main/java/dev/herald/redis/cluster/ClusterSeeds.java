package dev.herald.redis.cluster;

import dev.herald.options.InvalidOptionException;
import dev.herald.redis.RedisClients;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed nodes of a Redis Cluster (option {@code redis-cluster}): where the client first asks for the cluster's
 * slot map ({@code CLUSTER SLOTS}); it finds every other node from there, so a few seeds are enough, one is too.
 *
 * <p>Written {@code host:port[,host:port...]}, or as {@code redis://[user:password@]host:port} URLs
 * ({@code rediss://} for TLS), as the {@code redis} option takes them. Every node of a cluster has the same password
 * and the client follows a redirection with the credentials of the node it came from, so every seed must have the same
 * scheme and credentials: {@code host:port} entries take those of the URLs beside them. A cluster has database 0 only:
 * a URL naming another is refused.
 *
 * @param urls the seeds as {@code redis://} or {@code rediss://} URLs, at least one
 */
public record ClusterSeeds(List<String> urls) {

    /** The option's key. */
    public static final String OPTION = "redis-cluster";

    public ClusterSeeds {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new InvalidOptionException(OPTION, "needs at least one seed node, e.g. 10.0.0.1:7000,10.0.0.2:7000");
        }
    }

    /**
     * Reads the option's text.
     *
     * @throws InvalidOptionException when an entry is neither {@code host:port} nor a Redis URL, or entries disagree
     *                                on the scheme or credentials
     */
    public static ClusterSeeds parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidOptionException(OPTION, "needs at least one seed node, e.g. 10.0.0.1:7000,10.0.0.2:7000");
        }
        List<URI> given = new ArrayList<>();
        String prefix = null;
        for (String entry : text.split(",")) {
            String seed = entry.trim();
            if (seed.isEmpty()) {
                continue;
            }
            URI uri = uri(seed.contains("://") ? seed : "redis://" + seed, seed);
            if (seed.contains("://")) {
                String own = uri.getScheme() + "://" + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@");
                if (prefix != null && !prefix.equals(own)) {
                    throw new InvalidOptionException(OPTION, "every seed URL must have the same scheme and credentials "
                            + "(the nodes of a cluster share them)");
                }
                prefix = own;
            }
            given.add(uri);
        }
        String common = prefix == null ? "redis://" : prefix;
        List<String> urls = new ArrayList<>();
        for (URI uri : given) {
            urls.add(common + uri.getHost() + ":" + uri.getPort());
        }
        return new ClusterSeeds(urls);
    }

    private static URI uri(String url, String entry) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException notAUri) {
            uri = null;
        }
        String path = uri == null ? null : uri.getPath();
        if (uri == null || !("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))
                || uri.getHost() == null || uri.getPort() < 0 || uri.getQuery() != null) {
            throw new InvalidOptionException(OPTION, "each seed is host:port or redis://[user:password@]host:port, got "
                    + RedisClients.forDisplay(entry));
        }
        if (path != null && !path.isEmpty() && !path.equals("/") && !path.equals("/0")) {
            throw new InvalidOptionException(OPTION, "a Redis Cluster has database 0 only, got "
                    + RedisClients.forDisplay(entry));
        }
        return uri;
    }

    /** The seeds without any password, for logs: {@code redis://10.0.0.1:7000,redis://10.0.0.2:7000}. */
    public String forDisplay() {
        return String.join(",", urls.stream().map(RedisClients::forDisplay).toList());
    }

    /** The cluster client's options: {@link RedisClients#options}'s pool, every seed an endpoint. */
    public RedisOptions options() {
        RedisOptions options = RedisClients.options(urls.get(0)).setType(RedisClientType.CLUSTER);
        urls.subList(1, urls.size()).forEach(options::addConnectionString);
        return options;
    }
}
