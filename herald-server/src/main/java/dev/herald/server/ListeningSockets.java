package dev.herald.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.TcpConfig;
import io.vertx.core.transport.Transport;
import java.net.SocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * The listening sockets of one Vert.x, so that a stopping server stops accepting before its servers leave them.
 *
 * <p>Why: Vert.x closes a listening socket only once the last of the servers sharing it has shut down, and it takes
 * that server's event loop off the socket first. In between, the socket still accepts, and a connection accepted
 * then has no loop to go to: Netty force-closes it and logs "Failed to register an accepted channel" with an
 * {@code IllegalStateException} (eclipse-vertx/vert.x#6087). Under load, a SIGTERM always finds a client there, all
 * the more since every stream the server ends reconnects at once. Closed here first, the socket refuses those clients
 * in the kernel, and they go to another node.
 *
 * <p>Vert.x offers no handle on the socket it binds, so the sockets are recorded as its transport (the SPI through
 * which it creates every channel) creates them: {@link #recording} wraps the transport Vert.x would use and changes
 * nothing else but one handler in each listening socket's pipeline, the only place Netty shows an accepted connection
 * before its first read ({@link H2cDecoding}).
 */
final class ListeningSockets {

    private final Set<ServerChannel> open = ConcurrentHashMap.newKeySet();
    private final ChannelHandler accepting;

    /**
     * @param accepting added to each listening socket's pipeline, where it sees every accepted connection before
     *                  Vert.x builds it ({@link H2cDecoding#acceptor()}); it must be sharable
     */
    ListeningSockets(ChannelHandler accepting) {
        this.accepting = accepting;
    }

    /**
     * {@code transport} as it is, but for the listening sockets it creates, which this object records and gives the
     * accepting handler.
     */
    Transport recording(Transport transport) {
        io.vertx.core.spi.transport.Transport recording = new Recording(transport.implementation());
        return new Transport() {
            @Override
            public String name() {
                return transport.name();
            }

            @Override
            public boolean available() {
                return transport.available();
            }

            @Override
            public Throwable unavailabilityCause() {
                return transport.unavailabilityCause();
            }

            @Override
            public io.vertx.core.spi.transport.Transport implementation() {
                return recording;
            }
        };
    }

    /** Closes every listening socket still open; completes once all are closed. */
    Future<Void> close() {
        List<Future<Void>> closed = open.stream().map(socket -> {
            Promise<Void> promise = Promise.promise();
            socket.close().addListener(done -> promise.complete());
            return promise.future();
        }).toList();
        return Future.join(closed).mapEmpty();
    }

    private void opened(ServerChannel socket) {
        // first in the pipeline, before the bootstrap's acceptor that hands the connection to Vert.x
        socket.pipeline().addFirst(accepting);
        open.add(socket);
        socket.closeFuture().addListener(closed -> open.remove(socket));
    }

    /** Vert.x's transport, delegated to in full, recording each server channel it creates. */
    private final class Recording implements io.vertx.core.spi.transport.Transport {

        private final io.vertx.core.spi.transport.Transport delegate;

        Recording(io.vertx.core.spi.transport.Transport delegate) {
            this.delegate = delegate;
        }

        @Override
        public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
            ChannelFactory<? extends ServerChannel> factory = delegate.serverChannelFactory(domainSocket);
            return () -> {
                ServerChannel socket = factory.newChannel();
                opened(socket);
                return socket;
            };
        }

        @Override
        public boolean supportsDomainSockets() {
            return delegate.supportsDomainSockets();
        }

        @Override
        public boolean supportFileRegion() {
            return delegate.supportFileRegion();
        }

        @Override
        public boolean isAvailable() {
            return delegate.isAvailable();
        }

        @Override
        public Throwable unavailabilityCause() {
            return delegate.unavailabilityCause();
        }

        @Override
        public SocketAddress convert(io.vertx.core.net.SocketAddress address) {
            return delegate.convert(address);
        }

        @Override
        public io.vertx.core.net.SocketAddress convert(SocketAddress address) {
            return delegate.convert(address);
        }

        @Override
        public IoHandlerFactory ioHandlerFactory() {
            return delegate.ioHandlerFactory();
        }

        @Override
        public EventLoopGroup eventLoopGroup(int type, int nThreads, ThreadFactory threadFactory, int ioRatio) {
            return delegate.eventLoopGroup(type, nThreads, threadFactory, ioRatio);
        }

        // Vert.x's Transport still names Netty's deprecated InternetProtocolFamily here; delegating is all this does.
        @SuppressWarnings("deprecation")
        @Override
        public DatagramChannel datagramChannel(InternetProtocolFamily family) {
            return delegate.datagramChannel(family);
        }

        @Override
        public ChannelFactory<? extends DatagramChannel> datagramChannelFactory() {
            return delegate.datagramChannelFactory();
        }

        @Override
        public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
            return delegate.channelFactory(domainSocket);
        }

        @Override
        public void configure(DatagramChannel channel, DatagramSocketOptions options) {
            delegate.configure(channel, options);
        }

        @Override
        public void configure(TcpConfig config, boolean domainSocket, Bootstrap bootstrap) {
            delegate.configure(config, domainSocket, bootstrap);
        }

        @Override
        public void configure(TcpConfig config, boolean domainSocket, ServerBootstrap bootstrap) {
            delegate.configure(config, domainSocket, bootstrap);
        }
    }
}
