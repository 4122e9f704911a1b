package dev.herald.web.console;

import dev.herald.serve.ServerRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A request's parts as plain values, the way an adapter hands them to the console. */
record TestRequest(String peerAddress, Map<String, List<String>> headers, String rawQuery, List<String> consoleCookies)
        implements ServerRequest {

    static TestRequest from(String peerAddress) {
        return new TestRequest(peerAddress, Map.of(), null, List.of());
    }

    TestRequest withHeader(String name, String value) {
        Map<String, List<String>> more = new java.util.HashMap<>(headers);
        more.put(name.toLowerCase(Locale.ROOT), List.of(value));
        return new TestRequest(peerAddress, Map.copyOf(more), rawQuery, consoleCookies);
    }

    TestRequest withConsoleCookie(String value) {
        return new TestRequest(peerAddress, headers, rawQuery, List.of(value));
    }

    TestRequest withQuery(String query) {
        return new TestRequest(peerAddress, headers, query, consoleCookies);
    }

    @Override
    public String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public List<String> cookies(String name) {
        return name.equals(ConsoleAccess.COOKIE) ? consoleCookies : List.of();
    }

    @Override
    public String scheme() {
        return "http";
    }

    @Override
    public String host() {
        String host = header("Host");
        return host == null ? "localhost:8080" : host;
    }
}
