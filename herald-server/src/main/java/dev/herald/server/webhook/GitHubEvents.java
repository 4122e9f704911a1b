package dev.herald.server.webhook;

import static java.util.Map.entry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns a GitHub event ({@code X-GitHub-Event}) and its payload into the {@link GitHubNotification} the browsers show,
 * reading the fields that GitHub's "Webhook events and payloads" documents for {@code push}, {@code issues},
 * {@code issue_comment}, {@code pull_request}, {@code release}, {@code workflow_run}, {@code star} and {@code fork};
 * any other event reads "GitHub sent a deployment event for acme/app".
 *
 * <p>Any field may be missing or of another type: each falls back to a readable word ("someone", "a repository",
 * "an issue"), so no payload makes this fail. Pure: no HTTP, no clock.
 */
final class GitHubEvents {

    private static final String SOMEONE = "someone";
    private static final String A_REPOSITORY = "a repository";
    private static final String BRANCH_PREFIX = "refs/heads/";
    private static final String TAG_PREFIX = "refs/tags/";

    /** Actions of issues and pull requests that do not read as "octocat {action} issue #12"; %s stands for the subject. */
    private static final Map<String, String> ISSUE_PHRASES = Map.ofEntries(
            entry("synchronize", "pushed to %s"),
            entry("review_requested", "requested a review on %s"),
            entry("review_request_removed", "withdrew a review request on %s"),
            entry("ready_for_review", "marked %s as ready for review"),
            entry("converted_to_draft", "converted %s to a draft"),
            entry("auto_merge_enabled", "enabled auto-merge on %s"),
            entry("auto_merge_disabled", "disabled auto-merge on %s"),
            entry("enqueued", "added %s to the merge queue"),
            entry("dequeued", "removed %s from the merge queue"));
    private static final Map<String, String> COMMENT_PHRASES = Map.of(
            "created", "commented on %s",
            "edited", "edited a comment on %s",
            "deleted", "deleted a comment on %s");
    private static final Map<String, String> RELEASE_PHRASES = Map.of(
            "released", "published %s",
            "prereleased", "published %s as a pre-release");

    /** A sentence and the page on GitHub it is about ({@code null} when the payload names none). */
    private record Line(String message, String url) {
    }

    private GitHubEvents() {
    }

    /** The notification for one delivery; {@code payload} is the JSON object GitHub sent. */
    static GitHubNotification describe(String event, JsonNode payload) {
        Payload p = new Payload(payload);
        Line line = switch (event) {
            case "push" -> push(p);
            case "issues" -> issue(p);
            case "issue_comment" -> comment(p);
            case "pull_request" -> pullRequest(p);
            case "release" -> release(p);
            case "workflow_run" -> workflowRun(p);
            case "star" -> new Line(sender(p) + ("deleted".equals(p.text("action").orElse("")) ? " unstarred " : " starred ")
                    + repository(p), null);
            case "fork" -> fork(p);
            default -> other(event, p);
        };
        return new GitHubNotification(line.message(), event, p.text("repository", "full_name").orElse(null),
                line.url() != null ? line.url() : p.text("repository", "html_url").orElse(null),
                p.text("sender", "login").orElse(null));
    }

    /** "octocat pushed 3 commits to main in acme/app", and tags, new, deleted and forced branches. */
    private static Line push(Payload p) {
        String who = p.text("pusher", "name").or(() -> p.text("sender", "login")).orElse(SOMEONE);
        String repo = repository(p);
        String ref = p.text("ref").orElse("");
        String url = p.text("compare").or(() -> p.text("head_commit", "url")).orElse(null);
        boolean deleted = p.isTrue("deleted");
        if (ref.startsWith(TAG_PREFIX)) {
            String tag = ref.substring(TAG_PREFIX.length());
            return new Line(who + (deleted ? " deleted tag " + tag + " in " : " pushed tag " + tag + " to ") + repo, url);
        }
        String branch = ref.startsWith(BRANCH_PREFIX) ? ref.substring(BRANCH_PREFIX.length()) : ref;
        String named = branch.isEmpty() ? "a branch" : "branch " + branch;
        int commits = p.count("commits");
        if (deleted) {
            return new Line(who + " deleted " + named + " in " + repo, url);
        }
        if (p.isTrue("created")) {
            return new Line(who + " created " + named + " in " + repo + (commits > 0 ? " with " + commits(commits) : ""), url);
        }
        String verb = p.isTrue("forced") ? " force-pushed " : " pushed ";
        return new Line(who + verb + (commits > 0 ? commits(commits) + " " : "") + "to "
                + (branch.isEmpty() ? "a branch" : branch) + " in " + repo, url);
    }

    /** "octocat opened issue #12 in acme/app: Title". */
    private static Line issue(Payload p) {
        String issue = numbered("issue", "an issue", p.number("issue", "number"));
        return new Line(sender(p) + " " + phrase(p.text("action"), ISSUE_PHRASES, issue) + " in " + repository(p)
                + titled(p.text("issue", "title")), p.text("issue", "html_url").orElse(null));
    }

    /** "octocat commented on issue #12 in acme/app", or on a pull request: GitHub sends both as issue comments. */
    private static Line comment(Payload p) {
        String subject = p.has("issue", "pull_request")
                ? numbered("pull request", "a pull request", p.number("issue", "number"))
                : numbered("issue", "an issue", p.number("issue", "number"));
        return new Line(sender(p) + " " + phrase(p.text("action").or(() -> Optional.of("created")), COMMENT_PHRASES, subject)
                + " in " + repository(p), p.text("comment", "html_url").or(() -> p.text("issue", "html_url")).orElse(null));
    }

    /** "octocat merged pull request #7 in acme/app: Title": a closed pull request that was merged reads "merged". */
    private static Line pullRequest(Payload p) {
        Optional<String> action = p.text("action");
        if (action.filter("closed"::equals).isPresent() && p.isTrue("pull_request", "merged")) {
            action = Optional.of("merged");
        }
        OptionalLong number = p.number("pull_request", "number");
        String pull = numbered("pull request", "a pull request", number.isPresent() ? number : p.number("number"));
        return new Line(sender(p) + " " + phrase(action, ISSUE_PHRASES, pull) + " in " + repository(p)
                + titled(p.text("pull_request", "title")), p.text("pull_request", "html_url").orElse(null));
    }

    /** "octocat published release v1.2 in acme/app". */
    private static Line release(Payload p) {
        String release = p.text("release", "tag_name").or(() -> p.text("release", "name"))
                .map(tag -> "release " + tag).orElse("a release");
        return new Line(sender(p) + " " + phrase(p.text("action"), RELEASE_PHRASES, release) + " in " + repository(p),
                p.text("release", "html_url").orElse(null));
    }

    /** "workflow CI completed with failure on main in acme/app". */
    private static Line workflowRun(Payload p) {
        String workflow = p.text("workflow_run", "name").or(() -> p.text("workflow", "name"))
                .map(name -> "workflow " + name).orElse("a workflow");
        String action = p.text("action").orElse("");
        String happened = switch (action) {
            case "completed" -> p.text("workflow_run", "conclusion")
                    .map(conclusion -> "completed with " + ("timed_out".equals(conclusion) ? "a timeout" : words(conclusion)))
                    .orElse("completed");
            case "in_progress" -> "is running";
            case "requested" -> "was requested";
            case "" -> "was updated";
            default -> words(action);
        };
        return new Line(workflow + " " + happened + p.text("workflow_run", "head_branch").map(branch -> " on " + branch).orElse("")
                + " in " + repository(p), p.text("workflow_run", "html_url").orElse(null));
    }

    /** "octocat forked acme/app to octocat/app". */
    private static Line fork(Payload p) {
        Optional<String> fork = p.text("forkee", "full_name");
        return new Line(sender(p) + " forked " + repository(p) + fork.map(name -> " to " + name).orElse(""),
                p.text("forkee", "html_url").orElse(null));
    }

    /** "GitHub sent a deployment event for acme/app", for the organisation, or for nothing named. */
    private static Line other(String event, Payload p) {
        String article = !event.isEmpty() && "aeiou".indexOf(event.charAt(0)) >= 0 ? "an " : "a ";
        Optional<String> about = p.text("repository", "full_name").or(() -> p.text("organization", "login"));
        return new Line("GitHub sent " + article + event + " event" + about.map(name -> " for " + name).orElse(""), null);
    }

    /** "opened issue #12": the action's phrase from {@code phrases}, else the action's words, else "updated". */
    private static String phrase(Optional<String> action, Map<String, String> phrases, String subject) {
        String name = action.orElse("updated");
        String phrase = phrases.get(name);
        // replace, not String.format: the action is the sender's text, and a % in it must not be read as a format
        return phrase != null ? phrase.replace("%s", subject) : words(name) + " " + subject;
    }

    private static String numbered(String kind, String unnumbered, OptionalLong number) {
        return number.isPresent() ? kind + " #" + number.getAsLong() : unnumbered;
    }

    private static String titled(Optional<String> title) {
        return title.map(text -> ": " + text).orElse("");
    }

    private static String commits(int count) {
        return count == 1 ? "1 commit" : count + " commits";
    }

    private static String words(String name) {
        return name.replace('_', ' ');
    }

    private static String sender(Payload p) {
        return p.text("sender", "login").orElse(SOMEONE);
    }

    private static String repository(Payload p) {
        return p.text("repository", "full_name").or(() -> p.text("repository", "name")).orElse(A_REPOSITORY);
    }
}
