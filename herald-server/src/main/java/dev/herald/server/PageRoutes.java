package dev.herald.server;

import dev.herald.web.WebFile;
import dev.herald.web.WebFiles;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The seed's page at {@code /}: the files herald-web's {@code page/} folder lists, answered to {@code GET} and
 * {@code HEAD} with {@link WebFiles#HEADERS}, the file's {@code Content-Type} and {@code ETag}, and a 304 when
 * {@code If-None-Match} names that ETag. Any other path or method falls through to the next route (a 404 or 405 in
 * JSON); a path the router cannot decode is its JSON 400.
 */
final class PageRoutes {

    /** The page's files, read once per process from herald-web. */
    static final WebFiles PAGE = WebFiles.listed("page");

    private PageRoutes() {
    }

    /** Mounts the page's files at the root. */
    static void mount(Router root) {
        // For every method: a route limited to GET would turn a POST to an unknown path into a 405.
        root.route("/*").handler(PageRoutes::serve);
    }

    private static void serve(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        Optional<WebFile> found = method == HttpMethod.GET || method == HttpMethod.HEAD
                ? PAGE.find(ctx.normalizedPath()) : Optional.empty();
        if (found.isEmpty()) {
            ctx.next();
            return;
        }
        WebFile file = found.get();
        HttpServerResponse response = ctx.response();
        WebFiles.HEADERS.forEach(response::putHeader);
        response.putHeader(HttpHeaders.ETAG, file.etag());
        if (file.notModifiedFor(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, file.contentType());
        if (method == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(file.bytes().length)).end();
        } else {
            response.end(Buffer.buffer(file.bytes()));
        }
    }
}
