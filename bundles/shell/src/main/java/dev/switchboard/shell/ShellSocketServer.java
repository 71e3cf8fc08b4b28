package dev.switchboard.shell;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local shell: a Unix domain socket, owner-only ({@link OwnerOnlySocket}), on which {@code switchboard shell
 * 'COMMAND'} has one command line run through Gogo's {@link CommandProcessor} and gets its output and exit status
 * back ({@link ShellProtocol}, {@link ShellRequest}). The socket's path comes from this component's configuration,
 * else from the framework property {@value #PATH_PROPERTY} that the launcher sets to the node's
 * {@code run/shell.sock}; with neither, there is no socket. Nothing listens on the network.
 *
 * <p>Bounds: a command line of at most {@code maxLineLength} bytes, read within {@code requestTimeoutSeconds};
 * at most {@code maxConcurrentRequests} commands at once (one more is refused, not queued). A command itself runs as
 * long as it needs, as in the console.
 */
@Component(configurationPid = ShellSocketServer.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ShellSocketServer.Config.class)
public final class ShellSocketServer {

    static final String PID = "dev.switchboard.shell.socket";
    static final String PATH_PROPERTY = "switchboard.shell.socket";
    private static final Logger LOG = LoggerFactory.getLogger(ShellSocketServer.class);

    @ObjectClassDefinition(name = "Switchboard local shell socket",
            description = "The owner-only Unix domain socket that 'switchboard shell' runs commands through")
    public @interface Config {
        @AttributeDefinition(description = "Socket path; empty: the framework property switchboard.shell.socket"
                + " (the launcher sets it to the node's run/shell.sock); both empty: no socket")
        String path() default "";

        @AttributeDefinition(description = "Longest command line accepted, in bytes (UTF-8)")
        int maxLineLength() default 65536;

        @AttributeDefinition(description = "Commands running at once; one more is refused")
        int maxConcurrentRequests() default 4;

        @AttributeDefinition(description = "Seconds a client has to send its command line")
        int requestTimeoutSeconds() default 10;
    }

    /** Validated settings. */
    record Settings(int maxLineLength, int maxConcurrentRequests, int requestTimeoutSeconds) {
        Settings {
            if (maxLineLength < 1 || maxConcurrentRequests < 1 || requestTimeoutSeconds < 1) {
                throw new IllegalArgumentException("maxLineLength, maxConcurrentRequests and requestTimeoutSeconds"
                        + " of " + PID + " must be at least 1");
            }
        }

        static Settings of(Config config) {
            return new Settings(config.maxLineLength(), config.maxConcurrentRequests(),
                    config.requestTimeoutSeconds());
        }
    }

    @Reference
    private CommandProcessor processor;

    /** Threads beyond the running commands: requests being read, or refused. */
    private static final int SPARE_THREADS = 4;

    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requestNumbers = new AtomicInteger();
    private volatile OwnerOnlySocket.Bound bound;
    private volatile String notServing = "not started";
    private ThreadPoolExecutor requests;
    private Semaphore running;
    private ScheduledExecutorService deadlines;
    private Thread acceptor;
    private UserPrincipal owner;
    private Settings settings;

    /** For Declarative Services. */
    public ShellSocketServer() {
    }

    /** For tests. */
    ShellSocketServer(CommandProcessor processor) {
        this.processor = processor;
    }

    @Activate
    void activate(BundleContext context, Config config) {
        Settings checked = Settings.of(config);
        String path = !config.path().isBlank() ? config.path() : context.getProperty(PATH_PROPERTY);
        if (path == null || path.isBlank()) {
            notServing = "no path: neither " + PID + " path nor the framework property " + PATH_PROPERTY;
            LOG.info("No local shell socket: {} is not set", PATH_PROPERTY);
            return;
        }
        try {
            start(Path.of(path.strip()), checked);
        } catch (IOException e) {
            notServing = e.getMessage();
            LOG.error("No local shell socket ('switchboard shell' will not reach this node): {}", e.getMessage());
        }
    }

    /** Binds and starts accepting; for tests, and from {@link #activate}. */
    void start(Path path, Settings checked) throws IOException {
        settings = checked;
        owner = FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        bound = OwnerOnlySocket.bind(path, owner, LOG::info);
        notServing = null;
        running = new Semaphore(checked.maxConcurrentRequests());
        requests = new ThreadPoolExecutor(0, checked.maxConcurrentRequests() + SPARE_THREADS, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> daemon(runnable,
                        "switchboard-shell-" + requestNumbers.incrementAndGet()));
        deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable,
                "switchboard-shell-deadlines"));
        acceptor = daemon(this::acceptLoop, "switchboard-shell-socket");
        acceptor.start();
        LOG.info("Local shell on {} (owner-only): bin/switchboard shell 'COMMAND'", bound.path());
    }

    /**
     * Stops accepting. Commands that run go on to their end and answer their clients: one of them may be what stops
     * this component ({@code update} or {@code refresh} of this bundle, {@code stop 0}), and interrupting it would
     * cut that short. Connections still sending their line are closed by their deadline.
     */
    @Deactivate
    void stop() {
        OwnerOnlySocket.Bound socket = bound;
        bound = null;
        notServing = "stopped";
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.warn("Closing the shell socket {}: {}", socket.path(), e.toString());
        }
        requests.shutdown();
        deadlines.shutdown(); // deadlines already set still fire
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The socket's path while it is served, else {@code null}. */
    Path path() {
        OwnerOnlySocket.Bound socket = bound;
        return socket == null ? null : socket.path();
    }

    private void acceptLoop() {
        OwnerOnlySocket.Bound socket = bound;
        while (socket != null && socket.channel().isOpen()) {
            SocketChannel client;
            try {
                client = socket.channel().accept();
            } catch (ClosedChannelException e) {
                return; // stopped
            } catch (IOException e) {
                LOG.warn("Shell socket {}: accept failed: {}", socket.path(), e.toString());
                continue;
            }
            connections.add(client);
            try {
                requests.execute(() -> serve(client));
            } catch (RejectedExecutionException e) {
                // Every thread is busy reading or running: too many connections at once to even answer them
                LOG.warn("Shell socket {}: too many connections at once; closed one unanswered", socket.path());
                closeQuietly(client);
            }
        }
    }

    private void serve(SocketChannel client) {
        long started = System.nanoTime();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(client), settings.requestTimeoutSeconds(),
                TimeUnit.SECONDS);
        try {
            String stranger = PeerCheck.stranger(client, owner);
            if (stranger != null) {
                LOG.warn("Shell socket {}: refused a connection from {}, who does not own the node", path(), stranger);
                refuse(client, "only " + owner.getName() + ", who runs the node, may use its shell");
                return;
            }
            ShellRequest.Outcome outcome = new ShellRequest(processor, settings.maxLineLength(), running,
                    settings.maxConcurrentRequests())
                    .serve(Channels.newInputStream(client), Channels.newOutputStream(client),
                            () -> deadline.cancel(false));
            if (LOG.isDebugEnabled()) {
                LOG.debug("Shell: {} exit {} ({} bytes of output, {} ms)", commandName(outcome.command()),
                        outcome.status(), outcome.outputBytes(), (System.nanoTime() - started) / 1_000_000);
            }
        } catch (IOException e) {
            LOG.debug("Shell socket: a client went away: {}", e.toString());
        } finally {
            deadline.cancel(false);
            closeQuietly(client);
        }
    }

    private void refuse(SocketChannel client, String why) {
        try {
            FrameWriter frames = new FrameWriter(Channels.newOutputStream(client));
            frames.error(why);
            frames.exit(ShellProtocol.REFUSED);
        } catch (IOException e) {
            LOG.debug("Shell socket: could not tell a client why it was refused: {}", e.toString());
        } finally {
            closeQuietly(client);
        }
    }

    /** Only the command's name goes to the log: its arguments may be secrets (a ticket passed to wamp:call). */
    static String commandName(String line) {
        if (line == null) {
            return "(refused)";
        }
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(0, space);
    }

    private void closeQuietly(SocketChannel channel) {
        connections.remove(channel);
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /**
     * A thread that does not inherit thread locals: Gogo keeps a command's output streams in an inheritable one, and
     * this component may be started by a shell command (an update of its bundle), whose streams would otherwise
     * become where everything these threads print or log goes, long after that command ended.
     */
    static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(null, runnable, name, 0, false);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public String toString() {
        Path path = path();
        return "ShellSocketServer[" + (path != null ? path + ", " + connections.size() + " connections"
                : "not serving: " + notServing) + "]";
    }
}
