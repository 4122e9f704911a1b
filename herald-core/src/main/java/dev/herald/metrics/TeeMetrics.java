package dev.herald.metrics;

/** Hands every call to two implementations, the first first: {@link HeraldMetrics#both}. */
record TeeMetrics(HeraldMetrics first, HeraldMetrics second) implements HeraldMetrics {

    @Override
    public void streamOpened(Transport transport) {
        first.streamOpened(transport);
        second.streamOpened(transport);
    }

    @Override
    public void streamClosed(Transport transport) {
        first.streamClosed(transport);
        second.streamClosed(transport);
    }

    @Override
    public void refused(Refusal reason) {
        first.refused(reason);
        second.refused(reason);
    }

    @Override
    public void eventDispatched() {
        first.eventDispatched();
        second.eventDispatched();
    }

    @Override
    public void eventDelivered() {
        first.eventDelivered();
        second.eventDelivered();
    }

    @Override
    public void subscriberDropped() {
        first.subscriberDropped();
        second.subscriberDropped();
    }

    @Override
    public void heartbeatSent() {
        first.heartbeatSent();
        second.heartbeatSent();
    }

    @Override
    public void replayServed() {
        first.replayServed();
        second.replayServed();
    }

    @Override
    public void historyGone() {
        first.historyGone();
        second.historyGone();
    }

    @Override
    public void brokerGap() {
        first.brokerGap();
        second.brokerGap();
    }

    @Override
    public void published() {
        first.published();
        second.published();
    }

    @Override
    public void publishBacklog(long writes) {
        first.publishBacklog(writes);
        second.publishBacklog(writes);
    }

    @Override
    public void publishSlowed() {
        first.publishSlowed();
        second.publishSlowed();
    }

    @Override
    public void deliveryLatency(long nanos) {
        first.deliveryLatency(nanos);
        second.deliveryLatency(nanos);
    }

    @Override
    public void brokerConnection(boolean connected) {
        first.brokerConnection(connected);
        second.brokerConnection(connected);
    }

    @Override
    public void channelsLingering(int channels) {
        first.channelsLingering(channels);
        second.channelsLingering(channels);
    }

    @Override
    public void presence(int channels, int subjects) {
        first.presence(channels, subjects);
        second.presence(channels, subjects);
    }
}
