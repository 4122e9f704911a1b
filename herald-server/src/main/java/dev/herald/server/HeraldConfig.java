package dev.herald.server;

import dev.herald.hub.HubOptions;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.OptionChecks;
import dev.herald.server.webhook.GitHubWebhookOptions;
import dev.herald.vertx.BrokerOptions;
import dev.herald.vertx.SseRoutesOptions;

/**
 * Everything the server is told at start: where it listens, the embedding options of {@link dev.herald.vertx.Herald}, and
 * the GitHub webhook's.
 *
 * @param host          address to listen on (option {@code host})
 * @param port          port to listen on, 0 for a free one (option {@code port}; 0 to 65535)
 * @param broker        the broker and its history
 * @param hub           heartbeats and the announced retry
 * @param routes        buffer, body and channel limits
 * @param gitHubWebhook the secret and channel of {@code POST /webhook/github}
 * @throws InvalidOptionException when a value is out of range
 */
public record HeraldConfig(String host, int port, BrokerOptions broker, HubOptions hub, SseRoutesOptions routes,
                           GitHubWebhookOptions gitHubWebhook) {

    public HeraldConfig {
        OptionChecks.present("host", host);
        OptionChecks.between("port", port, 0, 65535);
        OptionChecks.present("broker", broker);
        OptionChecks.present("hub", hub);
        OptionChecks.present("routes", routes);
        OptionChecks.present("github-webhook", gitHubWebhook);
    }

    /** Loopback, port 8080, the in-memory broker, the default hub and route options, a webhook without a secret. */
    public static HeraldConfig defaults() {
        return new HeraldConfig("127.0.0.1", 8080, BrokerOptions.memory(), HubOptions.defaults(), SseRoutesOptions.defaults(),
                GitHubWebhookOptions.defaults());
    }

    public HeraldConfig withPort(int newPort) {
        return new HeraldConfig(host, newPort, broker, hub, routes, gitHubWebhook);
    }

    public HeraldConfig withBroker(BrokerOptions newBroker) {
        return new HeraldConfig(host, port, newBroker, hub, routes, gitHubWebhook);
    }

    public HeraldConfig withHub(HubOptions newHub) {
        return new HeraldConfig(host, port, broker, newHub, routes, gitHubWebhook);
    }

    public HeraldConfig withRoutes(SseRoutesOptions newRoutes) {
        return new HeraldConfig(host, port, broker, hub, newRoutes, gitHubWebhook);
    }

    public HeraldConfig withGitHubWebhook(GitHubWebhookOptions newGitHubWebhook) {
        return new HeraldConfig(host, port, broker, hub, routes, newGitHubWebhook);
    }
}
