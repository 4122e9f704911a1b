/**
 * The serving core: opening a stream, answering a poll and publishing, as services that take a request's parts
 * ({@link dev.herald.serve.ServerRequest}) and return sealed outcomes ({@link dev.herald.serve.StreamOutcome},
 * {@link dev.herald.serve.PollOutcome}, {@link dev.herald.serve.PublishOutcome}). An HTTP adapter (Vert.x, Spring)
 * reads the request, calls one service, and renders what it gets back; every step between (the request's form, access,
 * limits, the lease on a stream's place, token expiry, publish failures and their log lines) happens here once.
 */
package dev.herald.serve;
