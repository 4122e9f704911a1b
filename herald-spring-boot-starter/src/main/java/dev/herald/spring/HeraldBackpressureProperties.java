package dev.herald.spring;

import dev.herald.hub.HubOptions;
import java.time.Duration;

/**
 * How publishers are slowed when they outrun delivery, {@code herald.publish-backlog} and {@code herald.publish-wait}:
 * a part of {@link HeraldProperties} (which extends it), kept apart to keep that class short. Each stands for its
 * declaration ({@link HubOptions#PUBLISH_BACKLOG}, {@link HubOptions#PUBLISH_WAIT}).
 */
public abstract class HeraldBackpressureProperties extends HeraldConsoleProperties {

    private int publishBacklog = HubOptions.PUBLISH_BACKLOG.defaultValue();
    private Duration publishWait = HubOptions.PUBLISH_WAIT.defaultValue();

    /** {@code hub} with these two; throws {@code InvalidOptionException} for a bad value. */
    HubOptions backpressure(HubOptions hub) {
        return hub.withPublishBacklog(publishBacklog, publishWait);
    }

    public int getPublishBacklog() {
        return publishBacklog;
    }

    public void setPublishBacklog(int publishBacklog) {
        this.publishBacklog = publishBacklog;
    }

    public Duration getPublishWait() {
        return publishWait;
    }

    public void setPublishWait(Duration publishWait) {
        this.publishWait = publishWait;
    }
}
