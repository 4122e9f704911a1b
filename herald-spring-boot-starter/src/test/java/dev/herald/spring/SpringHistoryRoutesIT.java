package dev.herald.spring;

import dev.herald.testing.HistoryRoutesContract;
import java.net.URI;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The shared history contract on the Spring adapter, in the application of {@link RouteContractsApplication}. */
@RouteContractsApplication
class SpringHistoryRoutesIT extends HistoryRoutesContract {

    @LocalServerPort
    private int port;

    @Autowired
    private HeraldNode node;

    @Override
    protected URI base() {
        return URI.create("http://127.0.0.1:" + port + "/events");
    }

    @Override
    protected int streamsOpen() {
        return node.limits().streamsOpen();
    }
}
