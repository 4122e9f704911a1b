/**
 * Who the client is: {@link dev.herald.clients.TrustedProxies} (the option {@code trusted-proxies}) and
 * {@link dev.herald.clients.ForwardedClient}, the one place a forwarded client address, scheme and host are read.
 */
package dev.herald.clients;
