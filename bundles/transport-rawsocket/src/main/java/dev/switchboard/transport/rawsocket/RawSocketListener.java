package dev.switchboard.transport.rawsocket;

import java.io.IOException;
import java.net.BindException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.switchboard.api.router.Router;
import dev.switchboard.api.router.TransportListener;
import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.tls.ServerTls;
import dev.switchboard.tls.TlsException;
import dev.switchboard.transport.jetty.ListenerThreads;

/**
 * One listener: a Jetty {@link Server} of its own, used only for its connectors (selectors, acceptors, thread pool,
 * scheduler, buffer pool), with a TCP connector and/or a Unix domain socket connector whose only connection factory
 * is {@link RawSocketConnectionFactory}. No handler ever runs: nothing here speaks HTTP. With TLS configured, Jetty's
 * {@code SslConnectionFactory} comes first on the TCP connector and the RawSocket connection reads and writes the
 * decrypted stream ({@code rawsocket+tls://}); the Unix domain socket stays plain.
 */
final class RawSocketListener implements TransportListener {

    private static final Logger LOG = LoggerFactory.getLogger(RawSocketListener.class);
    private static final Duration CLOSE_POLL = Duration.ofMillis(10);

    private final RawSocketSettings settings;
    private final Router router;
    private final Supplier<List<Serializer>> serializers;
    private final ByteBufferPool bufferPool;
    private final Set<RawSocketConnection> openConnections = ConcurrentHashMap.newKeySet();
    /** Connections past a successful handshake: what {@code maxConnections} limits. */
    private final AtomicInteger admitted = new AtomicInteger();

    private Server server;
    private ServerConnector tcpConnector;
    private UnixDomainServerConnector unixConnector;
    private volatile List<String> addresses = List.of();

    /** @param serializers the serializers registered right now; asked again for every handshake */
    RawSocketListener(RawSocketSettings settings, Router router, Supplier<List<Serializer>> serializers) {
        this(settings, router, serializers, null);
    }

    /** @param bufferPool where read buffers come from; {@code null} for Jetty's default pool (tests pass a tracking one) */
    RawSocketListener(RawSocketSettings settings, Router router, Supplier<List<Serializer>> serializers,
                      ByteBufferPool bufferPool) {
        this.settings = settings;
        this.router = router;
        this.serializers = serializers;
        this.bufferPool = bufferPool;
    }

    /**
     * Binds and starts accepting, synchronously.
     *
     * @throws IllegalStateException when an address cannot be listened on (the message says which and why)
     */
    void start() {
        ServerTls tls = loadTls(); // before binding anything: a bad key must not leave a port half-open
        server = newServer(tls);
        if (settings.hasTcpListener()) {
            bind(tcpBindAddress(), this::openTcpConnector);
        }
        if (settings.hasUnixListener()) {
            bind(settings.unixSocket(), this::prepareUnixSocket);
        }
        bind(settings.hasUnixListener() ? settings.unixSocket() : tcpBindAddress(), server::start);
        addresses = listAddresses();
        LOG.info("RawSocket listener '{}' listening on {} (max message size {} bytes)", settings.name(), addresses,
                settings.maxMessageSize());
        if (tls != null) {
            logTls(tls);
        }
    }

    /**
     * Writes what is queued on every connection and closes it, waits for them briefly, then stops Jetty (closing any
     * that remain) and removes the socket file.
     */
    void stop() {
        openConnections.forEach(RawSocketConnection::shutdown);
        awaitConnectionsClosed();
        stopServer();
        deleteSocketFile();
        addresses = List.of();
        LOG.info("RawSocket listener '{}' stopped", settings.name());
    }

    @Override
    public String transport() {
        return "rawsocket";
    }

    @Override
    public List<String> addresses() {
        return addresses;
    }

    @Override
    public int connectionCount() {
        return openConnections.size();
    }

    /** The port the TCP connector is bound to, or 0 without one. */
    int tcpPort() {
        return tcpConnector == null ? 0 : tcpConnector.getLocalPort();
    }

    /** Jetty's server once started (its connectors and thread pool), for tests. */
    Server jetty() {
        return server;
    }

    // ---- used by connections ----

    RawSocketSettings settings() {
        return settings;
    }

    Router router() {
        return router;
    }

    /** A serializer registered right now with this RawSocket id; {@code null} for none (and for the illegal 0). */
    Serializer serializerFor(int rawSocketId) {
        for (Serializer serializer : serializers.get()) {
            if (rawSocketId != 0 && serializer.rawSocketId() == rawSocketId) {
                return serializer;
            }
        }
        return null;
    }

    /** Counts a connection that completed its handshake, unless {@code maxConnections} are open already. */
    boolean tryAdmit() {
        while (true) {
            int current = admitted.get();
            if (current >= settings.maxConnections()) {
                return false;
            }
            if (admitted.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void releaseAdmission() {
        admitted.decrementAndGet();
    }

    void opened(RawSocketConnection connection) {
        openConnections.add(connection);
    }

    void closed(RawSocketConnection connection) {
        openConnections.remove(connection);
    }

    // ---- building ----

    /** Reads and checks the key material; {@code null} without TLS. */
    private ServerTls loadTls() {
        if (!settings.hasTls()) {
            return null;
        }
        try {
            return ServerTls.load(settings.tls());
        } catch (TlsException e) {
            String message = "RawSocket listener '" + settings.name() + "': " + e.getMessage();
            LOG.error(message);
            throw new IllegalStateException(message, e);
        }
    }

    private void logTls(ServerTls tls) {
        LOG.info("RawSocket listener '{}' TLS: {}", settings.name(), tls.describe());
        if (!tls.certificateValidAt(Instant.now())) {
            LOG.warn("RawSocket listener '{}': the TLS certificate is not valid now ({} to {}); clients will refuse it",
                    settings.name(), tls.certificate().getNotBefore().toInstant(),
                    tls.certificate().getNotAfter().toInstant());
        }
    }

    private Server newServer(ServerTls tls) {
        ListenerThreads threads = settings.threads();
        String prefix = "rawsocket-" + settings.name();
        // Named, so that its thread is recognisable (and checked for leaks) like the pool's.
        Scheduler scheduler = new ScheduledExecutorScheduler(prefix + "-scheduler", false);
        Server jetty = new Server(threads.newPool(prefix), scheduler, bufferPool);
        long idleTimeoutMillis = settings.idleTimeout().toMillis(); // 0: Jetty never expires the endpoint
        if (settings.hasTcpListener()) {
            RawSocketConnectionFactory rawSocket = new RawSocketConnectionFactory(this, tcpAddress());
            tcpConnector = new ServerConnector(jetty, ListenerThreads.ACCEPTORS, threads.selectors(), tls == null
                    ? new ConnectionFactory[] {rawSocket}
                    : AbstractConnectionFactory.getFactories(tls.newSslContextFactory(), rawSocket));
            tcpConnector.setHost(settings.host());
            tcpConnector.setPort(settings.port());
            tcpConnector.setAcceptQueueSize(settings.acceptQueueSize());
            tcpConnector.setIdleTimeout(idleTimeoutMillis);
            jetty.addConnector(tcpConnector);
        }
        if (settings.hasUnixListener()) {
            unixConnector = new UnixDomainServerConnector(jetty, ListenerThreads.ACCEPTORS, threads.selectors(),
                    new RawSocketConnectionFactory(this, unixAddress()));
            unixConnector.setUnixDomainPath(settings.unixSocketPath());
            unixConnector.setAcceptQueueSize(settings.acceptQueueSize());
            unixConnector.setIdleTimeout(idleTimeoutMillis);
            jetty.addConnector(unixConnector);
        }
        return jetty;
    }

    // ---- starting ----

    private interface BindStep {
        void run() throws Exception;
    }

    /** Runs a start step; on failure logs one clear line, releases what was bound and throws. */
    private void bind(String address, BindStep step) {
        try {
            step.run();
        } catch (Exception e) {
            String message = "RawSocket listener '" + settings.name() + "' cannot listen on " + address + ": "
                    + describe(e);
            LOG.error(message);
            releaseAfterFailedStart();
            throw new IllegalStateException(message, e);
        }
    }

    /** Binding the TCP port before starting attributes a taken port to the right address. */
    private void openTcpConnector() throws IOException {
        tcpConnector.open();
    }

    /** Deletes a socket file left by a process that died, but never one somebody is listening on. */
    private void prepareUnixSocket() throws IOException {
        Path path = settings.unixSocketPath();
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("a file that is not a socket exists there");
        }
        if (isAcceptingConnections(path)) {
            throw new BindException("Address already in use");
        }
        Files.delete(path);
        LOG.info("RawSocket listener '{}' deleted stale socket file {}", settings.name(), path);
    }

    private static boolean isAcceptingConnections(Path socketFile) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socketFile))) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** "address already in use" from a BindException deep in Jetty's exception chain. */
    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    // ---- addresses ----

    /** {@code 127.0.0.1:8081}, {@code [::1]:8081}: as in the log line for a failed bind. */
    private String tcpBindAddress() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        int port = tcpConnector != null && tcpConnector.getLocalPort() > 0 ? tcpConnector.getLocalPort() : settings.port();
        return host + ":" + port;
    }

    private String tcpAddress() {
        return (settings.hasTls() ? "rawsocket+tls://" : "rawsocket://") + tcpBindAddress();
    }

    private String unixAddress() {
        return "rawsocket+unix:" + settings.unixSocket();
    }

    private List<String> listAddresses() {
        List<String> list = new ArrayList<>(2);
        if (settings.hasTcpListener()) {
            list.add(tcpAddress());
        }
        if (settings.hasUnixListener()) {
            list.add(unixAddress());
        }
        return List.copyOf(list);
    }

    // ---- stopping ----

    /** Bounded: each connection's close timeout drops a peer that does not read or does not close. */
    private void awaitConnectionsClosed() {
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        while (!openConnections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(CLOSE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void releaseAfterFailedStart() {
        stopServer();
        if (tcpConnector != null) {
            tcpConnector.close(); // opened before the server started: stopping the server does not close it
        }
    }

    private void stopServer() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("RawSocket listener '{}' did not stop cleanly", settings.name(), e);
        }
    }

    private void deleteSocketFile() {
        if (settings.hasUnixListener()) {
            try {
                Files.deleteIfExists(settings.unixSocketPath());
            } catch (IOException e) {
                LOG.warn("RawSocket listener '{}' cannot delete {}", settings.name(), settings.unixSocketPath(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "RawSocketListener[" + settings.name() + " " + addresses + ", " + openConnections.size()
                + " connections, " + admitted.get() + "/" + settings.maxConnections() + " admitted]";
    }
}
