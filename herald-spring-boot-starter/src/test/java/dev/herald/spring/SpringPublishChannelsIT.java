package dev.herald.spring;

import dev.herald.testing.PublishChannelsContract;
import java.net.URI;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The shared contract of one event on several channels on the Spring adapter, in the application of {@link RouteContractsApplication}. */
@RouteContractsApplication
class SpringPublishChannelsIT extends PublishChannelsContract {

    @LocalServerPort
    private int port;

    @Override
    protected URI base() {
        return URI.create("http://127.0.0.1:" + port + "/events");
    }
}
