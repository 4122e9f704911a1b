package dev.herald.spring;

import dev.herald.testing.PublishBatchContract;
import java.net.URI;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The shared batch publish contract on the Spring adapter, in the application of {@link RouteContractsApplication}. */
@RouteContractsApplication
class SpringPublishBatchIT extends PublishBatchContract {

    @LocalServerPort
    private int port;

    @Override
    protected URI base() {
        return URI.create("http://127.0.0.1:" + port + "/events");
    }
}
