package dev.herald.server;

import dev.herald.vertx.JsonHttp;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The page at {@code /}: its own files from {@code webroot/} and the Vue it loads from a WebJar.
 * <p>
 * The page's files keep their URLs from one release to the next, so they are sent {@code no-cache} with an ETag, a
 * hash of their bytes: a browser asks again whenever it shows the page, gets a 304 while a file is unchanged, and the
 * new file right after an upgrade. A WebJar's URL names its version, so it keeps Vert.x's day-long immutable caching.
 * The page's files also carry the headers a browser expects of a page today: a Content-Security-Policy,
 * {@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer}.
 */
final class PageRoutes {

    private static final String WEBROOT = "webroot";
    private static final String INDEX = "index.html";
    /** Every file of webroot/; one left out is still sent no-cache, but without a validator (PageIT notices). */
    private static final List<String> FILES = List.of(INDEX, "app.js", "style.css", "favicon.svg", "favicon.ico");
    /**
     * What the page may load and do: its own files only, no inline script or style, no eval (app.js renders with
     * Vue's runtime-only build), no plugins, no framing; it talks to its own origin only (the stream and the
     * publish endpoint).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private PageRoutes() {
    }

    /** Mounts {@code /webjars/*} and the page's files at the root; unknown paths fall through to the next route. */
    static void mount(Router root) {
        root.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"))
                .failureHandler(PageRoutes::undecodablePath);
        Map<String, String> etags = FILES.stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), file -> etagOf(WEBROOT + "/" + file)));
        // For every method: a route limited to GET would turn a POST to an unknown path into a 405.
        root.route("/*")
                .handler(ctx -> requireRevalidation(ctx, etags.get(fileOf(ctx.normalizedPath()))))
                // The files are UTF-8 whatever the platform's charset (US-ASCII under LANG=C on Java 17).
                .handler(StaticHandler.create(WEBROOT).setDefaultContentEncoding("UTF-8"))
                .failureHandler(PageRoutes::undecodablePath);
    }

    /**
     * StaticHandler decodes the path once more after the router did, so {@code /x%25} becomes {@code /x%} and fails
     * as an unterminated escape (found by HostileInputIT): a path that cannot name a file is the client's error.
     */
    private static void undecodablePath(RoutingContext ctx) {
        if (ctx.failure() instanceof IllegalArgumentException) {
            JsonHttp.sendError(ctx, 400, "the path cannot be decoded: " + ctx.failure().getMessage());
        } else {
            ctx.next();
        }
    }

    /**
     * Sets the headers that make a browser revalidate, then lets StaticHandler send the file: it keeps a Cache-Control
     * that is already set, and answers 304 itself when If-None-Match names the ETag it finds on the response.
     */
    private static void requireRevalidation(RoutingContext ctx, String etag) {
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            ctx.next();
            return;
        }
        HttpServerResponse response = ctx.response();
        response.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        if (etag != null) {
            response.putHeader(HttpHeaders.ETAG, etag);
        }
        // Vert.x's Last-Modified is when it unpacked the file from the jar: new at every start and different on every
        // node, it would have browsers fetch unchanged files again.
        ctx.addHeadersEndHandler(ignored -> response.headers().remove(HttpHeaders.LAST_MODIFIED));
        ctx.next();
    }

    private static String fileOf(String path) {
        return path.endsWith("/") ? path.substring(1) + INDEX : path.substring(1);
    }

    private static String etagOf(String resource) {
        try (InputStream in = PageRoutes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path: build herald-server with Maven, "
                        + "which copies (and for index.html, filters) the page's files");
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return '"' + HexFormat.of().formatHex(digest, 0, 16) + '"';
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
