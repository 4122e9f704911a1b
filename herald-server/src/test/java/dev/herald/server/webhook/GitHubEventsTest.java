package dev.herald.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One sentence per event, from fragments of the payloads GitHub documents in "Webhook events and payloads" (the
 * fields read, with some of their neighbours), and the readable defaults when fields are missing.
 */
class GitHubEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPOSITORY = """
            "repository": {"id": 1296269, "name": "app", "full_name": "acme/app",
                           "html_url": "https://github.com/acme/app", "private": false},
            "sender": {"login": "octocat", "id": 1, "type": "User"}""";

    private static GitHubNotification describe(String event, String json) {
        try {
            return GitHubEvents.describe(event, JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sentence(String event, String json) {
        return describe(event, json).message();
    }

    @Test
    void aPushToABranchCountsItsCommits() {
        GitHubNotification push = describe("push", """
                {"ref": "refs/heads/main", "before": "6113728f27ae82c7b1a177c8d03f9e96e0adf246",
                 "after": "59b20b8d5c6ff8d09518454d4dd8b7b30f095ab5", "created": false, "deleted": false, "forced": false,
                 "compare": "https://github.com/acme/app/compare/6113728f27ae...59b20b8d5c6f",
                 "commits": [{"id": "a1", "message": "one"}, {"id": "a2", "message": "two"}, {"id": "a3", "message": "three"}],
                 "head_commit": {"id": "a3", "url": "https://github.com/acme/app/commit/a3"},
                 "pusher": {"name": "octocat", "email": "octocat@github.com"},
                """ + REPOSITORY + "}");
        assertThat(push.message()).isEqualTo("octocat pushed 3 commits to main in acme/app");
        assertThat(push.data()).containsExactly(
                Map.entry("message", "octocat pushed 3 commits to main in acme/app"),
                Map.entry("event", "push"),
                Map.entry("repository", "acme/app"),
                Map.entry("url", "https://github.com/acme/app/compare/6113728f27ae...59b20b8d5c6f"),
                Map.entry("sender", "octocat"));
    }

    @Test
    void aPushOfOneCommitSaysCommit() {
        assertThat(sentence("push", """
                {"ref": "refs/heads/feature/login", "created": false, "deleted": false, "forced": false,
                 "commits": [{"id": "a1"}], "pusher": {"name": "octocat"},""" + REPOSITORY + "}"))
                .isEqualTo("octocat pushed 1 commit to feature/login in acme/app");
    }

    @Test
    void aForcedPushSaysSo() {
        assertThat(sentence("push", """
                {"ref": "refs/heads/main", "created": false, "deleted": false, "forced": true,
                 "commits": [{"id": "a1"}, {"id": "a2"}], "pusher": {"name": "octocat"},""" + REPOSITORY + "}"))
                .isEqualTo("octocat force-pushed 2 commits to main in acme/app");
    }

    @Test
    void aForcedPushWithoutNewCommitsStillReads() {
        assertThat(sentence("push", """
                {"ref": "refs/heads/main", "deleted": false, "forced": true, "commits": [],
                 "pusher": {"name": "octocat"},""" + REPOSITORY + "}"))
                .isEqualTo("octocat force-pushed to main in acme/app");
    }

    @Test
    void aTagPushNamesTheTag() {
        assertThat(sentence("push", """
                {"ref": "refs/tags/v1.2.0", "base_ref": "refs/heads/main", "created": true, "deleted": false,
                 "forced": false, "commits": [], "pusher": {"name": "octocat"},""" + REPOSITORY + "}"))
                .isEqualTo("octocat pushed tag v1.2.0 to acme/app");
    }

    @Test
    void aDeletedBranchOrTagSaysDeleted() {
        assertThat(sentence("push", """
                {"ref": "refs/heads/old-feature", "after": "0000000000000000000000000000000000000000",
                 "created": false, "deleted": true, "forced": false, "commits": [], "head_commit": null,
                 "pusher": {"name": "octocat"},""" + REPOSITORY + "}"))
                .isEqualTo("octocat deleted branch old-feature in acme/app");
        assertThat(sentence("push", """
                {"ref": "refs/tags/v0.9", "created": false, "deleted": true, "commits": [],
                 "pusher": {"name": "octocat"},""" + REPOSITORY + "}"))
                .isEqualTo("octocat deleted tag v0.9 in acme/app");
    }

    @Test
    void aNewBranchSaysCreated() {
        assertThat(sentence("push", """
                {"ref": "refs/heads/topic", "before": "0000000000000000000000000000000000000000",
                 "created": true, "deleted": false, "forced": false, "commits": [{"id": "a1"}, {"id": "a2"}],
                 "pusher": {"name": "octocat"},""" + REPOSITORY + "}"))
                .isEqualTo("octocat created branch topic in acme/app with 2 commits");
        assertThat(sentence("push", """
                {"ref": "refs/heads/topic", "created": true, "deleted": false, "commits": [],
                 "pusher": {"name": "octocat"},""" + REPOSITORY + "}"))
                .isEqualTo("octocat created branch topic in acme/app");
    }

    @Test
    void anOpenedIssueNamesItsNumberAndTitle() {
        GitHubNotification issue = describe("issues", """
                {"action": "opened",
                 "issue": {"number": 12, "title": "Login fails on Safari", "state": "open",
                           "html_url": "https://github.com/acme/app/issues/12", "user": {"login": "octocat"}},
                """ + REPOSITORY + "}");
        assertThat(issue.message()).isEqualTo("octocat opened issue #12 in acme/app: Login fails on Safari");
        assertThat(issue.url()).isEqualTo("https://github.com/acme/app/issues/12");
    }

    @Test
    void otherIssueActionsReadAsTheirVerb() {
        assertThat(sentence("issues", """
                {"action": "closed", "issue": {"number": 12, "title": "Login fails", "state": "closed",
                 "state_reason": "completed"},""" + REPOSITORY + "}"))
                .isEqualTo("octocat closed issue #12 in acme/app: Login fails");
        assertThat(sentence("issues", """
                {"action": "labeled", "label": {"name": "bug"}, "issue": {"number": 12, "title": "Login fails"},
                """ + REPOSITORY + "}"))
                .isEqualTo("octocat labeled issue #12 in acme/app: Login fails");
    }

    @Test
    void aCommentOnAnIssue() {
        GitHubNotification comment = describe("issue_comment", """
                {"action": "created",
                 "issue": {"number": 12, "title": "Login fails", "html_url": "https://github.com/acme/app/issues/12"},
                 "comment": {"id": 1, "body": "Me too", "html_url": "https://github.com/acme/app/issues/12#issuecomment-1"},
                """ + REPOSITORY + "}");
        assertThat(comment.message()).isEqualTo("octocat commented on issue #12 in acme/app");
        assertThat(comment.url()).isEqualTo("https://github.com/acme/app/issues/12#issuecomment-1");
    }

    @Test
    void aCommentOnAPullRequestSaysPullRequestAndEditsAndDeletionsSaySo() {
        assertThat(sentence("issue_comment", """
                {"action": "created", "issue": {"number": 7, "title": "Add login",
                 "pull_request": {"url": "https://api.github.com/repos/acme/app/pulls/7"}},
                 "comment": {"body": "LGTM"},""" + REPOSITORY + "}"))
                .isEqualTo("octocat commented on pull request #7 in acme/app");
        assertThat(sentence("issue_comment", """
                {"action": "edited", "changes": {"body": {"from": "Me to"}}, "issue": {"number": 12},
                 "comment": {"body": "Me too"},""" + REPOSITORY + "}"))
                .isEqualTo("octocat edited a comment on issue #12 in acme/app");
        assertThat(sentence("issue_comment", """
                {"action": "deleted", "issue": {"number": 12}, "comment": {"body": "Me too"},""" + REPOSITORY + "}"))
                .isEqualTo("octocat deleted a comment on issue #12 in acme/app");
    }

    @Test
    void aMergedPullRequestSaysMergedAndAClosedOneSaysClosed() {
        GitHubNotification merged = describe("pull_request", """
                {"action": "closed", "number": 7,
                 "pull_request": {"number": 7, "title": "Add login", "state": "closed", "merged": true,
                                  "html_url": "https://github.com/acme/app/pull/7"},
                """ + REPOSITORY + "}");
        assertThat(merged.message()).isEqualTo("octocat merged pull request #7 in acme/app: Add login");
        assertThat(merged.url()).isEqualTo("https://github.com/acme/app/pull/7");
        assertThat(sentence("pull_request", """
                {"action": "closed", "number": 7,
                 "pull_request": {"number": 7, "title": "Add login", "state": "closed", "merged": false},
                """ + REPOSITORY + "}"))
                .isEqualTo("octocat closed pull request #7 in acme/app: Add login");
    }

    @Test
    void pullRequestActionsWithUnderscoresReadAsPhrases() {
        assertThat(sentence("pull_request", """
                {"action": "opened", "number": 7, "pull_request": {"number": 7, "title": "Add login"},
                """ + REPOSITORY + "}"))
                .isEqualTo("octocat opened pull request #7 in acme/app: Add login");
        assertThat(sentence("pull_request", """
                {"action": "synchronize", "number": 7, "before": "a1", "after": "a2",
                 "pull_request": {"number": 7, "title": "Add login"},""" + REPOSITORY + "}"))
                .isEqualTo("octocat pushed to pull request #7 in acme/app: Add login");
        assertThat(sentence("pull_request", """
                {"action": "ready_for_review", "number": 7, "pull_request": {"number": 7, "title": "Add login"},
                """ + REPOSITORY + "}"))
                .isEqualTo("octocat marked pull request #7 as ready for review in acme/app: Add login");
        assertThat(sentence("pull_request", """
                {"action": "review_requested", "number": 7, "pull_request": {"number": 7, "title": "Add login"},
                 "requested_reviewer": {"login": "hubot"},""" + REPOSITORY + "}"))
                .isEqualTo("octocat requested a review on pull request #7 in acme/app: Add login");
        assertThat(sentence("pull_request", """
                {"action": "some_future_action", "number": 7, "pull_request": {"number": 7, "title": "Add login"},
                """ + REPOSITORY + "}"))
                .isEqualTo("octocat some future action pull request #7 in acme/app: Add login");
    }

    @Test
    void aPublishedReleaseNamesItsTag() {
        GitHubNotification release = describe("release", """
                {"action": "published",
                 "release": {"tag_name": "v1.2", "name": "Version 1.2", "draft": false, "prerelease": false,
                             "html_url": "https://github.com/acme/app/releases/tag/v1.2"},
                """ + REPOSITORY + "}");
        assertThat(release.message()).isEqualTo("octocat published release v1.2 in acme/app");
        assertThat(release.url()).isEqualTo("https://github.com/acme/app/releases/tag/v1.2");
        assertThat(sentence("release", """
                {"action": "prereleased", "release": {"tag_name": "v2.0-rc1", "prerelease": true},""" + REPOSITORY + "}"))
                .isEqualTo("octocat published release v2.0-rc1 as a pre-release in acme/app");
    }

    @Test
    void aCompletedWorkflowRunSaysHowItEnded() {
        GitHubNotification run = describe("workflow_run", """
                {"action": "completed",
                 "workflow_run": {"id": 30433642, "name": "CI", "head_branch": "main", "event": "push",
                                  "status": "completed", "conclusion": "failure",
                                  "html_url": "https://github.com/acme/app/actions/runs/30433642"},
                 "workflow": {"id": 159038, "name": "CI", "path": ".github/workflows/ci.yml"},
                """ + REPOSITORY + "}");
        assertThat(run.message()).isEqualTo("workflow CI completed with failure on main in acme/app");
        assertThat(run.url()).isEqualTo("https://github.com/acme/app/actions/runs/30433642");
        assertThat(sentence("workflow_run", """
                {"action": "completed", "workflow_run": {"name": "CI", "head_branch": "main", "conclusion": "timed_out"},
                """ + REPOSITORY + "}"))
                .isEqualTo("workflow CI completed with a timeout on main in acme/app");
    }

    @Test
    void aRequestedOrRunningWorkflowSaysSo() {
        assertThat(sentence("workflow_run", """
                {"action": "requested", "workflow_run": {"name": "CI", "head_branch": "main", "status": "queued",
                 "conclusion": null},""" + REPOSITORY + "}"))
                .isEqualTo("workflow CI was requested on main in acme/app");
        assertThat(sentence("workflow_run", """
                {"action": "in_progress", "workflow_run": {"name": "CI", "head_branch": "main", "status": "in_progress"},
                """ + REPOSITORY + "}"))
                .isEqualTo("workflow CI is running on main in acme/app");
    }

    @Test
    void aStarAndAnUnstar() {
        GitHubNotification star = describe("star", """
                {"action": "created", "starred_at": "2024-05-01T12:00:00Z",""" + REPOSITORY + "}");
        assertThat(star.message()).isEqualTo("octocat starred acme/app");
        assertThat(star.url()).as("the repository's page").isEqualTo("https://github.com/acme/app");
        assertThat(sentence("star", """
                {"action": "deleted", "starred_at": null,""" + REPOSITORY + "}"))
                .isEqualTo("octocat unstarred acme/app");
    }

    @Test
    void aForkNamesTheNewRepository() {
        GitHubNotification fork = describe("fork", """
                {"forkee": {"id": 2, "name": "app", "full_name": "octocat/app", "fork": true,
                            "html_url": "https://github.com/octocat/app"},""" + REPOSITORY + "}");
        assertThat(fork.message()).isEqualTo("octocat forked acme/app to octocat/app");
        assertThat(fork.url()).isEqualTo("https://github.com/octocat/app");
    }

    @Test
    void anyOtherEventReadsAsWhatGitHubSent() {
        assertThat(sentence("deployment", """
                {"deployment": {"id": 1, "environment": "production"},""" + REPOSITORY + "}"))
                .isEqualTo("GitHub sent a deployment event for acme/app");
        assertThat(sentence("installation", """
                {"action": "created", "installation": {"id": 1}, "sender": {"login": "octocat"}}"""))
                .isEqualTo("GitHub sent an installation event");
        assertThat(sentence("organization", """
                {"action": "member_added", "organization": {"login": "acme"}, "sender": {"login": "octocat"}}"""))
                .isEqualTo("GitHub sent an organization event for acme");
    }

    @ParameterizedTest
    @ValueSource(strings = {"push", "issues", "issue_comment", "pull_request", "release", "workflow_run", "star", "fork",
            "deployment"})
    void anEmptyPayloadStillReads(String event) {
        GitHubNotification notification = describe(event, "{}");
        assertThat(notification.message()).isNotBlank().doesNotContain("null");
        assertThat(notification.data()).containsOnlyKeys("message", "event");
    }

    @Test
    void missingFieldsFallBackToReadableWords() {
        assertThat(sentence("push", "{}")).isEqualTo("someone pushed to a branch in a repository");
        assertThat(sentence("push", "{\"ref\": \"refs/heads/main\", \"sender\": {\"login\": \"octocat\"}}"))
                .as("the sender when there is no pusher").isEqualTo("octocat pushed to main in a repository");
        assertThat(sentence("issues", "{}")).isEqualTo("someone updated an issue in a repository");
        assertThat(sentence("issue_comment", "{}")).isEqualTo("someone commented on an issue in a repository");
        assertThat(sentence("pull_request", "{\"action\": \"closed\"}")).isEqualTo("someone closed a pull request in a repository");
        assertThat(sentence("pull_request", "{\"action\": \"opened\", \"number\": 9}"))
                .as("the top-level number when the pull request has none").isEqualTo("someone opened pull request #9 in a repository");
        assertThat(sentence("release", "{\"action\": \"published\"}")).isEqualTo("someone published a release in a repository");
        assertThat(sentence("workflow_run", "{\"action\": \"completed\"}")).isEqualTo("a workflow completed in a repository");
        assertThat(sentence("star", "{}")).isEqualTo("someone starred a repository");
        assertThat(sentence("fork", "{}")).isEqualTo("someone forked a repository");
    }

    @Test
    void fieldsOfTheWrongTypeAreTreatedAsMissing() {
        assertThat(sentence("issues", """
                {"action": 5, "issue": {"number": "twelve", "title": ["not", "a", "title"]},
                 "repository": "acme/app", "sender": {"login": 1}}"""))
                .isEqualTo("someone updated an issue in a repository");
        assertThat(sentence("push", """
                {"ref": 42, "commits": {"not": "an array"}, "forced": "yes", "pusher": null}"""))
                .isEqualTo("someone pushed to a branch in a repository");
    }

    @Test
    void aPercentSignInAnActionIsText() {
        assertThat(sentence("issues", "{\"action\": \"100%s_done\", \"issue\": {\"number\": 1}}"))
                .isEqualTo("someone 100%s done issue #1 in a repository");
    }
}
