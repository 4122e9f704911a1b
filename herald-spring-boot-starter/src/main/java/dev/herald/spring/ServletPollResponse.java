package dev.herald.spring;

import dev.herald.serve.PollResponse;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poll's answer on an asynchronous servlet response. The poll is owned by one of the starter's loops; its answer is
 * written on a container thread ({@link AsyncContext#start}), so that a slow client never holds a loop.
 */
final class ServletPollResponse implements PollResponse {

    private static final Logger LOG = LoggerFactory.getLogger(ServletPollResponse.class);

    private final Executor loop;
    private final AsyncContext async;

    ServletPollResponse(Executor loop, AsyncContext async) {
        this.loop = loop;
        this.async = async;
    }

    @Override
    public Executor executor() {
        return loop;
    }

    @Override
    public void answer(byte[] json) {
        try {
            async.start(() -> write(json));
        } catch (IllegalStateException over) {
            // the container completed the request already (the client left): no one to answer
        }
    }

    private void write(byte[] json) {
        try {
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            response.setStatus(200);
            HEADERS.forEach(response::setHeader);
            response.setContentLength(json.length);
            response.getOutputStream().write(json);
        } catch (IOException | IllegalStateException gone) {
            LOG.debug("a poll's answer was not written; the client left: " + gone);
        } finally {
            try {
                async.complete();
            } catch (IllegalStateException alreadyCompleted) {
                // the container completed it first
            }
        }
    }
}
