package dev.herald.vertx;

import dev.herald.serve.Refused;
import dev.herald.web.console.Console;
import dev.herald.web.console.ConsoleReply;
import dev.herald.web.console.FileReply;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The console's routes on Herald's router, below its prefix: {@code console/session} (GET, POST, DELETE),
 * {@code console/status} (the event stream), {@code console/channels}, and the console's files at {@code console/}.
 * Each reads the request, asks the {@link Console} and renders its answer; the rules are the console's.
 */
final class ConsoleRoutes {

    private static final String PATH = "/" + Console.FOLDER;

    private ConsoleRoutes() {
    }

    static void mount(Router router, Console console, int bodyLimitBytes, int bufferLimitBytes) {
        var onFailure = JsonHttp.failureHandler(bodyLimitBytes);
        router.get(PATH + "/session").handler(ctx -> render(ctx, console.session(new VertxRequest(ctx))))
                .failureHandler(onFailure);
        router.post(PATH + "/session")
                .handler(JsonHttp.bodyHandler(bodyLimitBytes))
                .handler(ctx -> render(ctx, console.signIn(new VertxRequest(ctx), JsonHttp.rawBody(ctx), consolePath(ctx))))
                .failureHandler(onFailure);
        router.delete(PATH + "/session")
                .handler(ctx -> render(ctx, console.signOut(new VertxRequest(ctx), consolePath(ctx))))
                .failureHandler(onFailure);
        router.route(PATH + "/session").handler(JsonHttp.methodNotAllowed("GET, POST, DELETE"));
        router.get(PATH + "/status").handler(new StreamHandler(console::status, bufferLimitBytes)).failureHandler(onFailure);
        router.route(PATH + "/status").handler(JsonHttp.methodNotAllowed("GET"));
        router.get(PATH + "/channels").handler(ctx -> render(ctx, console.channels(new VertxRequest(ctx))))
                .failureHandler(onFailure);
        router.route(PATH + "/channels").handler(JsonHttp.methodNotAllowed("GET"));
        // Relative links in the index resolve against the folder, so the folder's own URL ends in a slash.
        router.get(PATH).handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.next(); // Vert.x matches "console/" here too: that one is the index
            } else {
                ctx.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, consolePath(ctx) + "/").end();
            }
        });
        router.get(PATH + "/*").handler(ctx -> file(ctx, console)).failureHandler(onFailure);
        router.route(PATH + "/*").handler(JsonHttp.methodNotAllowed("GET"));
    }

    private static void file(RoutingContext ctx, Console console) {
        String base = consolePath(ctx);
        String path = ctx.normalizedPath();
        FileReply reply = console.file(path.startsWith(base) ? path.substring(base.length()) : path,
                ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH));
        HttpServerResponse response = ctx.response().setStatusCode(reply.status());
        reply.headers().forEach(response::putHeader);
        if (reply.body() == null) {
            response.end();
        } else {
            response.end(Buffer.buffer(reply.body()));
        }
    }

    /** {@code {prefix}/console}: where the application mounted Herald's router, and the console below it. */
    static String consolePath(RoutingContext ctx) {
        String mount = ctx.mountPoint();
        if (mount == null) {
            mount = "";
        }
        while (mount.endsWith("/")) {
            mount = mount.substring(0, mount.length() - 1);
        }
        return mount + PATH;
    }

    private static void render(RoutingContext ctx, ConsoleReply reply) {
        HttpServerResponse response = ctx.response().setStatusCode(reply.status());
        reply.headers().forEach(response::putHeader);
        if (reply.json() == null) {
            response.end();
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, Refused.JSON_CONTENT_TYPE)
                    .end(Buffer.buffer(reply.json()));
        }
    }
}
