package dev.switchboard.transport.websocket;

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
import java.util.function.Supplier;

import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.switchboard.api.router.Router;
import dev.switchboard.api.router.TransportListener;
import dev.switchboard.api.serializer.Serializer;
import dev.switchboard.tls.ServerTls;
import dev.switchboard.tls.TlsException;
import dev.switchboard.transport.jetty.ListenerThreads;

/**
 * One listener: a Jetty {@link Server} of its own (no servlets) with a TCP connector and/or a Unix domain socket
 * connector, both upgrading the configured path to WAMP over WebSocket. With a web directory configured, other
 * requests are answered from it ({@link StaticFiles}); everything else answers 404. With TLS configured, the TCP
 * connector speaks TLS first ({@code wss://}); the Unix domain socket stays plain.
 */
final class WebSocketListener implements TransportListener {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketListener.class);
    private static final Duration CLOSE_POLL = Duration.ofMillis(10);

    private final ListenerSettings settings;
    private final Router router;
    private final Supplier<List<Serializer>> serializers;
    private final Set<WampConnection> openConnections = ConcurrentHashMap.newKeySet();

    private Server server;
    /** Longest a connection may idle before its WebSocket upgrade (a slowloris request, or nothing at all). */
    static final long HTTP_PHASE_IDLE_TIMEOUT_MILLIS = 10_000;

    private ServerConnector tcpConnector;
    private UnixDomainServerConnector unixConnector;
    private volatile List<String> addresses = List.of();

    /**
     * @param serializers the serializers registered right now; asked again for every upgrade request
     */
    WebSocketListener(ListenerSettings settings, Router router, Supplier<List<Serializer>> serializers) {
        this.settings = settings;
        this.router = router;
        this.serializers = serializers;
    }

    /**
     * Binds and starts accepting, synchronously.
     *
     * @throws IllegalStateException when an address cannot be listened on (the message says which and why)
     */
    void start() {
        ServerTls tls = loadTls(); // before binding anything: a bad key must not leave a port half-open
        Path webDirectory = checkWebDirectory(); // likewise
        server = newServer(tls, webDirectory);
        String tcp = hostForAddress() + ":" + settings.port();
        String unix = "unix:" + settings.unixSocket();
        if (settings.hasTcpListener()) {
            bind(tcp, this::openTcpConnector);
        }
        if (settings.hasUnixListener()) {
            bind(unix, this::prepareUnixSocket);
        }
        bind(settings.hasUnixListener() ? unix : tcp, server::start); // TCP is bound already: a failure is the UDS
        addresses = listAddresses();
        LOG.info("WebSocket listener '{}' listening on {}", settings.name(), addresses);
        if (tls != null) {
            logTls(tls);
        }
        if (webDirectory != null) {
            LOG.info("WebSocket listener '{}' serving static files from {} at {}", settings.name(), webDirectory,
                    settings.webPath());
        }
    }

    /** Says goodbye (1001) to every connection, waits for them briefly, stops Jetty and removes the socket file. */
    void stop() {
        openConnections.forEach(WampConnection::goingAway);
        awaitConnectionsClosed();
        stopServer();
        deleteSocketFile();
        addresses = List.of();
        LOG.info("WebSocket listener '{}' stopped", settings.name());
    }

    @Override
    public String transport() {
        return "websocket";
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

    // ---- building ----

    /** Reads and checks the key material; {@code null} without TLS. */
    private ServerTls loadTls() {
        if (!settings.hasTls()) {
            return null;
        }
        try {
            return ServerTls.load(settings.tls());
        } catch (TlsException e) {
            String message = "WebSocket listener '" + settings.name() + "': " + e.getMessage();
            LOG.error(message);
            throw new IllegalStateException(message, e);
        }
    }

    /** The static files' directory, checked; {@code null} without one. */
    private Path checkWebDirectory() {
        if (!settings.hasWebDirectory()) {
            return null;
        }
        try {
            return StaticFiles.directory(settings);
        } catch (IOException e) {
            String message = "WebSocket listener '" + settings.name() + "': webDirectory '"
                    + settings.webDirectoryPath() + "' cannot be served: " + e.getMessage();
            LOG.error(message);
            throw new IllegalStateException(message, e);
        }
    }

    private void logTls(ServerTls tls) {
        LOG.info("WebSocket listener '{}' TLS: {}", settings.name(), tls.describe());
        if (!tls.certificateValidAt(Instant.now())) {
            LOG.warn("WebSocket listener '{}': the TLS certificate is not valid now ({} to {}); clients will refuse it",
                    settings.name(), tls.certificate().getNotBefore().toInstant(),
                    tls.certificate().getNotAfter().toInstant());
        }
    }

    private Server newServer(ServerTls tls, Path webDirectory) {
        ListenerThreads threads = settings.threads();
        String prefix = "websocket-" + settings.name();
        // Named, so that its thread is recognisable (and checked for leaks) like the pool's.
        Scheduler scheduler = new ScheduledExecutorScheduler(prefix + "-scheduler", false);
        Server jetty = new Server(threads.newPool(prefix), scheduler, null);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        if (settings.hasTcpListener()) {
            HttpConnectionFactory httpFactory = new HttpConnectionFactory(tls == null ? http : secure(http));
            tcpConnector = new ServerConnector(jetty, ListenerThreads.ACCEPTORS, threads.selectors(), tls == null
                    ? new ConnectionFactory[] {httpFactory}
                    : AbstractConnectionFactory.getFactories(tls.newSslContextFactory(), httpFactory));
            tcpConnector.setHost(settings.host());
            tcpConnector.setPort(settings.port());
            tcpConnector.setAcceptQueueSize(settings.acceptQueueSize());
            tcpConnector.setIdleTimeout(httpPhaseIdleTimeoutMillis());
            jetty.addConnector(tcpConnector);
        }
        if (settings.hasUnixListener()) {
            unixConnector = new UnixDomainServerConnector(jetty, ListenerThreads.ACCEPTORS, threads.selectors(),
                    new HttpConnectionFactory(http));
            unixConnector.setUnixDomainPath(settings.unixSocketPath());
            unixConnector.setAcceptQueueSize(settings.acceptQueueSize());
            unixConnector.setIdleTimeout(httpPhaseIdleTimeoutMillis());
            jetty.addConnector(unixConnector);
        }
        WebSocketUpgradeHandler upgrades = newUpgradeHandler(jetty);
        if (webDirectory != null) {
            upgrades.setHandler(StaticFiles.handler(settings, webDirectory)); // what does not upgrade goes on here
        }
        jetty.setHandler(upgrades);
        return jetty;
    }

    /**
     * Requests on the TLS connector are secure ({@code https}/{@code wss}). No SNI host check: the client checks the
     * certificate against the host it meant, and a client that chose to trust it anyway (an IP address, a pinned
     * certificate) should not get a 400 on top.
     */
    private static HttpConfiguration secure(HttpConfiguration plain) {
        HttpConfiguration secure = new HttpConfiguration(plain);
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        customizer.setSniHostCheck(false);
        secure.addCustomizer(customizer);
        return secure;
    }

    private WebSocketUpgradeHandler newUpgradeHandler(Server jetty) {
        WebSocketUpgradeHandler upgrades = new WebSocketUpgradeHandler();
        // One limit for both connectors: maxConnections counts the listener's TCP and Unix socket clients together.
        ConnectionLimit limit = new ConnectionLimit(settings.name(), settings.maxConnections(), jetty.getScheduler());
        upgrades.addMapping(settings.path(), new SubprotocolNegotiator(serializers, limit,
                (serializer, connector, slot) -> newConnection(serializer, connector, slot, jetty)));
        // Jetty may split a big inbound frame at this size; MessageAssembler enforces the message limit.
        upgrades.getConfiguration().setMaxFrameSize(settings.maxMessageSize());
        upgrades.getConfiguration().setIdleTimeout(settings.idleTimeout()); // zero: none
        return upgrades;
    }

    private FrameHandler newConnection(Serializer serializer, Connector connector, ConnectionLimit.Slot slot,
                                       Server jetty) {
        String listener = connector == unixConnector ? unixAddress() : tcpAddress();
        return new WampConnection(settings, router, serializer, listener, jetty.getThreadPool(), jetty.getScheduler(),
                openConnections, slot);
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
            String message = "WebSocket listener '" + settings.name() + "' cannot listen on " + address + ": "
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
        LOG.info("WebSocket listener '{}' deleted stale socket file {}", settings.name(), path);
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

    private String tcpAddress() {
        int port = tcpConnector != null && tcpConnector.getLocalPort() > 0 ? tcpConnector.getLocalPort() : settings.port();
        return (settings.hasTls() ? "wss://" : "ws://") + hostForAddress() + ":" + port + settings.path();
    }

    /** IPv6 literals go in brackets, as in URIs. */
    private String hostForAddress() {
        return settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    }

    private String unixAddress() {
        return "ws+unix:" + settings.unixSocket();
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

    /** Bounded: a peer that does not answer the close is aborted by its connection's close timeout anyway. */
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
            LOG.warn("WebSocket listener '{}' did not stop cleanly", settings.name(), e);
        }
    }

    private void deleteSocketFile() {
        if (settings.hasUnixListener()) {
            try {
                Files.deleteIfExists(settings.unixSocketPath());
            } catch (IOException e) {
                LOG.warn("WebSocket listener '{}' cannot delete {}", settings.name(), settings.unixSocketPath(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "WebSocketListener[" + settings.name() + " " + addresses + ", " + openConnections.size()
                + " connections]";
    }

    /**
     * Connections that have not upgraded yet idle at most this long (Jetty's connector default would be 30 s); an
     * upgraded WebSocket gets the listener's own idle timeout from the upgrade configuration.
     */
    private long httpPhaseIdleTimeoutMillis() {
        long configured = settings.idleTimeout().toMillis();
        return configured == 0 ? HTTP_PHASE_IDLE_TIMEOUT_MILLIS : Math.min(configured, HTTP_PHASE_IDLE_TIMEOUT_MILLIS);
    }
}
