package dev.herald.server.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a delivery tells the browsers: the data of one {@code notify} event,
 * {@code {"message": "...", "event": "...", "repository": "...", "url": "...", "sender": "..."}}. Only
 * {@code message} is always there (the seed's page shows it); the others are left out when the payload lacks them.
 *
 * @param message    a sentence a person reads, e.g. {@code octocat pushed 3 commits to main in acme/app}
 * @param event      GitHub's event name ({@code X-GitHub-Event}), e.g. {@code push}
 * @param repository the repository's {@code owner/name}, or {@code null}
 * @param url        the page on GitHub to look at (the comparison, the issue, the run...), or {@code null}
 * @param sender     the login of who caused the event, or {@code null}
 */
record GitHubNotification(String message, String event, String repository, String url, String sender) {

    /** The event's data, in this order, without the absent fields. */
    Map<String, String> data() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("message", message);
        data.put("event", event);
        if (repository != null) {
            data.put("repository", repository);
        }
        if (url != null) {
            data.put("url", url);
        }
        if (sender != null) {
            data.put("sender", sender);
        }
        return data;
    }
}
