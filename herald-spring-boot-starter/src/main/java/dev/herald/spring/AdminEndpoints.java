package dev.herald.spring;

import dev.herald.serve.AdminAnswer;
import dev.herald.serve.Refused;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's endpoints at {@code herald.prefix + /admin/<action>}, registered when a token key is configured (without
 * one no token can be an admin's, and an application's own {@code /admin} paths stay its own): each reads the request
 * and its body (up to the routes' body limit, 413 beyond), asks the node's {@code AdminService} and renders its answer,
 * as the Vert.x routes do.
 */
@RestController
public class AdminEndpoints {

    private final HeraldNode herald;

    public AdminEndpoints(HeraldNode herald) {
        this.herald = herald;
    }

    @RequestMapping("${herald.prefix:}/admin/{action}")
    public CompletionStage<ResponseEntity<byte[]>> admin(@PathVariable("action") String action, HttpServletRequest request)
            throws IOException {
        int limit = herald.node().publishing().bodyLimitBytes();
        byte[] body = request.getInputStream().readNBytes(limit + 1);
        if (body.length > limit) {
            return CompletableFuture.completedFuture(JsonReplies.entity(Refused.bodyTooLarge(limit)));
        }
        return herald.node().admin().serve(request.getMethod(), action, new ServletServerRequest(request), body)
                .thenApply(AdminEndpoints::entity);
    }

    private static ResponseEntity<byte[]> entity(AdminAnswer answer) {
        ResponseEntity.BodyBuilder entity = ResponseEntity.status(answer.status());
        answer.headers().forEach((name, value) -> entity.header(name, value));
        return entity.header("Content-Type", Refused.JSON_CONTENT_TYPE).body(answer.json());
    }
}
