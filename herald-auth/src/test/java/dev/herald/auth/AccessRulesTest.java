package dev.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.access.AccessControl;
import dev.herald.access.AccessRefusedException;
import dev.herald.access.ChannelPatterns;
import dev.herald.access.Grants;
import dev.herald.access.RequestCredentials;
import dev.herald.access.RequestToken;
import dev.herald.access.StreamPass;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.metrics.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every decision of {@link AccessRules}, on real tokens minted with {@link TokenMinter}: what it admits, what it
 * refuses with which status and challenge, and that each refusal is counted once, under its reason.
 */
class AccessRulesTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
    private static final TokenOptions TOKENS = TokenOptions.secret(SECRET);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final String HOST = "herald.example.com";

    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private final HeraldMetrics metrics = new HeraldMetrics() {
        @Override
        public void refused(Refusal reason) {
            refusals.add(reason);
        }
    };

    private static String token(List<String> publish, List<String> subscribe) {
        return new TokenMinter(TOKENS).mint(publish, subscribe, TTL, NOW);
    }

    private static Supplier<RequestCredentials> bearer(String token) {
        return () -> new RequestCredentials("Bearer " + token, null, null, null, null, HOST, "https");
    }

    private static Supplier<RequestCredentials> cookie(String token, String secFetchSite, String origin) {
        return () -> new RequestCredentials(null, token, null, secFetchSite, origin, HOST, "https");
    }

    private static Supplier<RequestCredentials> query(String token) {
        return () -> new RequestCredentials(null, null, token, null, null, HOST, "https");
    }

    private static Supplier<RequestCredentials> nothing() {
        return () -> new RequestCredentials(null, null, null, null, null, HOST, "https");
    }

    /** A request whose credentials must not be looked at. */
    private static Supplier<RequestCredentials> unread() {
        return () -> {
            throw new AssertionError("the request's credentials were read");
        };
    }

    private AccessRules withKey() {
        return new AccessRules(AccessOptions.tokens(TOKENS), metrics);
    }

    private AccessRules withPrivateChannels(boolean allowQueryToken) {
        return new AccessRules(AccessOptions.tokens(TOKENS).withPrivateChannels(ChannelPatterns.of(List.of("user-*")))
                .withQueryToken(allowQueryToken), metrics);
    }

    private static void refused(Runnable decision, int status, String challenge, String message) {
        assertThatThrownBy(decision::run).isInstanceOfSatisfying(AccessRefusedException.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(status);
            assertThat(refusal.challenge()).isEqualTo(challenge);
            assertThat(refusal.getMessage()).contains(message);
        });
    }

    // admins (the console)

    private static String admin() {
        return new TokenMinter(TOKENS).mint(List.of(), List.of(), true, TTL, NOW);
    }

    @Test
    void anAdminsTokenIsAdmittedUntilItsExpiryAsBearerOrSameOriginCookie() {
        assertThat(withKey().admitAdmin(bearer(admin()))).isEqualTo(NOW.plus(TTL));
        assertThat(withKey().admitAdmin(cookie(admin(), "same-origin", "https://" + HOST))).isEqualTo(NOW.plus(TTL));
        assertThat(refusals).isEmpty();
    }

    @Test
    void aTokenThatIsNotAnAdminsIs403AndNoTokenIs401() {
        refused(() -> withKey().admitAdmin(bearer(token(List.of("*"), List.of("*")))), 403, null, "not an admin's");
        refused(() -> withKey().admitAdmin(nothing()), 401, AccessRules.CHALLENGE, "the console needs an admin token");
        refused(() -> withKey().admitAdmin(bearer("nonsense")), 401, AccessRules.CHALLENGE + ", error=\"invalid_token\"",
                "");
        refused(() -> withKey().admitAdmin(cookie(admin(), "cross-site", "https://evil.example")), 403, null,
                "cross-site console request refused");
        assertThat(refusals).containsExactly(Refusal.CHANNEL_FORBIDDEN, Refusal.TOKEN_MISSING, Refusal.TOKEN_INVALID,
                Refusal.CROSS_SITE);
    }

    @Test
    void withoutAKeyNoTokenIsAnAdmins() {
        refused(() -> new AccessRules(AccessOptions.open(), metrics).admitAdmin(bearer(admin())), 403, null,
                "no token key is configured");
        refused(() -> AccessControl.OPEN.admitAdmin(unread()), 403, null, "no token key is configured");
    }

    // publishers

    @Test
    void withoutAKeyEveryPublisherMayPublishEverywhereAndNoTokenIsRead() {
        AccessRules open = new AccessRules(AccessOptions.open(), metrics);
        assertThat(open.admitPublisher(unread())).isEqualTo(Grants.ALL);
        assertThat(refusals).isEmpty();
    }

    @Test
    void withAKeyAPublisherWithoutATokenIsAskedForOne() {
        refused(() -> withKey().admitPublisher(nothing()), 401, AccessRules.CHALLENGE, "a token is required to publish");
        assertThat(refusals).containsExactly(Refusal.TOKEN_MISSING);
    }

    @Test
    void aBadTokenIsRefusedAsAnInvalidToken() {
        String forged = new TokenMinter(TokenOptions.secret("another-secret-of-at-least-32-bytes!!"))
                .mint(List.of("*"), List.of(), TTL, NOW);
        refused(() -> withKey().admitPublisher(bearer(forged)), 401,
                AccessRules.CHALLENGE + ", error=\"invalid_token\"", "");
        refused(() -> withKey().admitPublisher(bearer("not-a-token")), 401,
                AccessRules.CHALLENGE + ", error=\"invalid_token\"", "");
        assertThat(refusals).containsExactly(Refusal.TOKEN_INVALID, Refusal.TOKEN_INVALID);
    }

    @Test
    void anExpiredTokenIsRefusedAsAnInvalidToken() {
        String expired = new TokenMinter(TOKENS).mint(List.of("*"), List.of(), Duration.ofMinutes(1),
                NOW.minus(Duration.ofHours(1)));
        refused(() -> withKey().admitPublisher(bearer(expired)), 401,
                AccessRules.CHALLENGE + ", error=\"invalid_token\"", "");
        assertThat(refusals).containsExactly(Refusal.TOKEN_INVALID);
    }

    @Test
    void aBearerTokenGivesItsPublishGrants() {
        Grants grants = withKey().admitPublisher(bearer(token(List.of("orders-*"), List.of())));
        assertThat(grants.mayPublish("orders-1")).isTrue();
        assertThat(grants.mayPublish("news")).isFalse();
        assertThat(refusals).isEmpty();
    }

    @Test
    void theCookieFromAnotherSiteIsRefused() {
        String token = token(List.of("*"), List.of());
        refused(() -> withKey().admitPublisher(cookie(token, "cross-site", "https://evil.example")), 403, null,
                "cross-site publish refused");
        refused(() -> withKey().admitPublisher(cookie(token, null, "https://evil.example")), 403, null,
                "cross-site publish refused");
        assertThat(refusals).containsExactly(Refusal.CROSS_SITE, Refusal.CROSS_SITE);
    }

    @Test
    void theCookieFromTheServersOwnPagesIsAccepted() {
        String token = token(List.of("*"), List.of());
        assertThat(withKey().admitPublisher(cookie(token, "same-origin", "https://" + HOST))).isNotNull();
        assertThat(withKey().admitPublisher(cookie(token, null, null))).as("an older browser, a form without Origin")
                .isNotNull();
        assertThat(refusals).isEmpty();
    }

    @Test
    void aQueryTokenNeverCountsForPublishingEvenWhereStreamsMayUseIt() {
        String token = token(List.of("*"), List.of());
        refused(() -> withPrivateChannels(true).admitPublisher(query(token)), 401, AccessRules.CHALLENGE,
                "a token is required to publish");
        assertThat(refusals).containsExactly(Refusal.TOKEN_MISSING);
    }

    @Test
    void aPublishOutsideTheGrantsIsForbiddenAndNamesTheChannel() {
        AccessRules rules = withKey();
        Grants grants = rules.admitPublisher(bearer(token(List.of("orders-*"), List.of())));
        rules.authorizePublish(grants, "orders-7");
        refused(() -> rules.authorizePublish(grants, "news"), 403, null, "may not publish on channel news");
        assertThat(refusals).containsExactly(Refusal.CHANNEL_FORBIDDEN);
    }

    // streams

    @Test
    void aStreamOfPublicChannelsIsAdmittedWhateverItsTokenAndNeverExpires() {
        StreamPass pass = withPrivateChannels(false).admitStream(Set.of("news", "weather"), nothing());
        assertThat(pass).isEqualTo(new StreamPass(Set.of(), Instant.MAX));
        assertThat(pass.expires()).isFalse();
        assertThat(withPrivateChannels(false).admitStream(Set.of("news"), bearer("nonsense")))
                .as("a token that does not verify refuses no public stream: it only names nobody")
                .isEqualTo(new StreamPass(Set.of(), Instant.MAX));
        assertThat(refusals).isEmpty();
    }

    @Test
    void aPublicStreamIsNamedByItsTokensSubjectForPresence() {
        String token = new TokenMinter(TOKENS).mint("alice", List.of(), List.of(), false, TTL, NOW);
        StreamPass pass = withPrivateChannels(false).admitStream(Set.of("news"), bearer(token));
        assertThat(pass).isEqualTo(new StreamPass(Set.of(), Instant.MAX, "alice"));
        assertThat(pass.expires()).isFalse();
    }

    @Test
    void aPrivateChannelWithoutATokenIsAskedForOne() {
        refused(() -> withPrivateChannels(false).admitStream(Set.of("news", "user-42"), nothing()), 401,
                AccessRules.CHALLENGE, "private channel user-42 needs a token");
        assertThat(refusals).containsExactly(Refusal.TOKEN_MISSING);
    }

    @Test
    void aPrivateChannelWithABadTokenIsRefusedAsAnInvalidToken() {
        refused(() -> withPrivateChannels(false).admitStream(Set.of("user-42"), bearer("not-a-token")), 401,
                AccessRules.CHALLENGE + ", error=\"invalid_token\"", "");
        assertThat(refusals).containsExactly(Refusal.TOKEN_INVALID);
    }

    @Test
    void aTokenNotCoveringEveryPrivateChannelIsForbidden() {
        String token = token(List.of(), List.of("user-42"));
        refused(() -> withPrivateChannels(false).admitStream(Set.of("user-42", "user-43"), bearer(token)), 403, null,
                "may not subscribe to user-43");
        assertThat(refusals).containsExactly(Refusal.CHANNEL_FORBIDDEN);
    }

    @Test
    void aTokenCoveringThePrivateChannelsAdmitsTheStreamUntilItExpires() {
        String token = token(List.of(), List.of("user-42"));
        StreamPass pass = withPrivateChannels(false).admitStream(Set.of("news", "user-42"), cookie(token, null, null));
        assertThat(pass).isEqualTo(new StreamPass(Set.of("user-42"), NOW.plus(TTL)));
        assertThat(pass.expires()).isTrue();
        assertThat(refusals).isEmpty();
    }

    @Test
    void aTokenExpiredInsideTheClockSkewIsRefusedAtTheStreamsDoorNotOpenedAndEnded() {
        String expired = new TokenMinter(TOKENS).mint(List.of(), List.of("user-42"), Duration.ofMinutes(1),
                Instant.now().minus(Duration.ofSeconds(80)));
        refused(() -> withPrivateChannels(false).admitStream(Set.of("user-42"), bearer(expired)), 401,
                AccessRules.CHALLENGE + ", error=\"invalid_token\"", "the token expired 2");
        assertThat(refusals).containsExactly(Refusal.TOKEN_INVALID);
    }

    @Test
    void aQueryTokenOpensAPrivateStreamOnlyWhereItIsAllowed() {
        String token = token(List.of(), List.of("user-42"));
        refused(() -> withPrivateChannels(false).admitStream(Set.of("user-42"), query(token)), 401,
                AccessRules.CHALLENGE, "needs a token");
        assertThat(refusals).containsExactly(Refusal.TOKEN_MISSING);

        StreamPass pass = withPrivateChannels(true).admitStream(Set.of("user-42"), query(token));
        assertThat(pass.privateChannels()).containsExactly("user-42");
        assertThat(refusals).as("no refusal more").hasSize(1);
    }

    @Test
    void theAskForATokenNamesTheQueryParameterOnlyWhereItIsAllowed() {
        assertThatThrownBy(() -> withPrivateChannels(false).admitStream(Set.of("user-42"), nothing()))
                .hasMessageNotContaining(RequestToken.QUERY_PARAM);
        assertThatThrownBy(() -> withPrivateChannels(true).admitStream(Set.of("user-42"), nothing()))
                .hasMessageContaining("?" + RequestToken.QUERY_PARAM + "=");
    }

    @Test
    void aPublishersSubjectIsReadOnlyFromAValidTokenItWouldAdmitAndNothingIsRefusedOrCounted() {
        String good = token(List.of("sse"), List.of());
        assertThat(withKey().publisherSubject(bearer(good))).as("a token without sub: the shared subject").isEmpty();
        assertThat(withKey().publisherSubject(cookie(good, "same-origin", null))).isEmpty();
        assertThat(withKey().publisherSubject(cookie(good, "cross-site", null))).as("another site's cookie").isNull();
        assertThat(withKey().publisherSubject(bearer(good + "x"))).as("a bad token").isNull();
        assertThat(withKey().publisherSubject(bearer("not.a.token"))).isNull();
        assertThat(withKey().publisherSubject(nothing())).isNull();
        assertThat(withKey().publisherSubject(query(good))).as("never the query's").isNull();
        assertThat(new AccessRules(AccessOptions.open(), metrics).publisherSubject(unread())).as("no key").isNull();
        assertThat(refusals).isEmpty();
    }
}
