package dev.herald.spring;

import dev.herald.serve.Refused;
import dev.herald.web.console.Console;
import dev.herald.web.console.ConsoleReply;
import dev.herald.web.console.FileReply;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's endpoints at {@code herald.prefix + /console} when {@code herald.console} is not {@code off}: each
 * reads the request, asks the {@link Console} and renders its answer, as the Vert.x routes do; the status stream is
 * served by the same code as {@code /stream} ({@link HeraldEndpoints#serveStream}).
 */
@RestController
public class ConsoleEndpoints {

    private final HeraldNode herald;
    private final Console console;
    private final String consolePath;

    public ConsoleEndpoints(HeraldNode herald, Console console) {
        this.herald = herald;
        this.console = console;
        this.consolePath = herald.prefix() + "/" + Console.FOLDER;
    }

    @GetMapping("${herald.prefix:}/console/session")
    public ResponseEntity<byte[]> session(HttpServletRequest request) {
        return entity(console.session(new ServletServerRequest(request)));
    }

    /** The body is read up to the routes' body limit; a larger one is 413. */
    @PostMapping("${herald.prefix:}/console/session")
    public ResponseEntity<byte[]> signIn(HttpServletRequest request) throws IOException {
        int limit = herald.node().publishing().bodyLimitBytes();
        byte[] body = request.getInputStream().readNBytes(limit + 1);
        if (body.length > limit) {
            return JsonReplies.entity(Refused.bodyTooLarge(limit));
        }
        return entity(console.signIn(new ServletServerRequest(request), body, consolePath));
    }

    @DeleteMapping("${herald.prefix:}/console/session")
    public ResponseEntity<byte[]> signOut(HttpServletRequest request) {
        return entity(console.signOut(new ServletServerRequest(request), consolePath));
    }

    @RequestMapping("${herald.prefix:}/console/session")
    public ResponseEntity<byte[]> sessionTakesGetPostDelete(HttpServletRequest request) {
        return JsonReplies.entity(Refused.methodNotAllowed(request.getMethod(), "GET, POST, DELETE"));
    }

    @GetMapping("${herald.prefix:}/console/status")
    public void status(HttpServletRequest request, HttpServletResponse response) {
        HeraldEndpoints.serveStream(herald, request, response, console::status);
    }

    @RequestMapping("${herald.prefix:}/console/status")
    public ResponseEntity<byte[]> statusTakesOnlyGet(HttpServletRequest request) {
        return JsonReplies.entity(Refused.methodNotAllowed(request.getMethod(), "GET"));
    }

    @GetMapping("${herald.prefix:}/console/channels")
    public ResponseEntity<byte[]> channels(HttpServletRequest request) {
        return entity(console.channels(new ServletServerRequest(request)));
    }

    @RequestMapping("${herald.prefix:}/console/channels")
    public ResponseEntity<byte[]> channelsTakesOnlyGet(HttpServletRequest request) {
        return JsonReplies.entity(Refused.methodNotAllowed(request.getMethod(), "GET"));
    }

    /** Relative links in the index resolve against the folder, so the folder's own URL ends in a slash. */
    @GetMapping("${herald.prefix:}/console")
    public ResponseEntity<byte[]> folder() {
        return ResponseEntity.status(301).header("Location", consolePath + "/").build();
    }

    /** The console's files, to anyone; any other name below the console is 404. */
    @GetMapping({"${herald.prefix:}/console/", "${herald.prefix:}/console/{name}"})
    public ResponseEntity<byte[]> file(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String below = path.startsWith(consolePath) ? path.substring(consolePath.length()) : path;
        FileReply reply = console.file(below, request.getHeader("If-None-Match"));
        ResponseEntity.BodyBuilder entity = ResponseEntity.status(reply.status());
        reply.headers().forEach((name, value) -> entity.header(name, value));
        return reply.body() == null ? entity.build() : entity.body(reply.body());
    }

    @RequestMapping({"${herald.prefix:}/console/", "${herald.prefix:}/console/{name}"})
    public ResponseEntity<byte[]> filesTakeOnlyGet(HttpServletRequest request) {
        return JsonReplies.entity(Refused.methodNotAllowed(request.getMethod(), "GET"));
    }

    private static ResponseEntity<byte[]> entity(ConsoleReply reply) {
        ResponseEntity.BodyBuilder entity = ResponseEntity.status(reply.status());
        reply.headers().forEach((name, value) -> entity.header(name, value));
        if (reply.json() == null) {
            return entity.build();
        }
        return entity.header("Content-Type", Refused.JSON_CONTENT_TYPE).body(reply.json());
    }
}
