package dev.switchboard.shell;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;
import org.apache.felix.service.command.JobListener;

/**
 * Gogo as far as the shell socket uses it: commands by name, each a function of the session's streams and the
 * words after the name. Counts sessions opened and closed, so tests can check one session per request.
 */
final class FakeCommandProcessor implements CommandProcessor {

    interface Command {
        Object run(PrintStream out, PrintStream err, List<String> args) throws Exception;
    }

    final Map<String, Command> commands = new ConcurrentHashMap<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final List<String> executed = new java.util.concurrent.CopyOnWriteArrayList<>();

    FakeCommandProcessor() {
        commands.put("echo", (out, err, args) -> String.join(" ", args));
        commands.put("print", (out, err, args) -> {
            out.print("out1\n");
            err.print("err1\n");
            out.print("out2\n");
            return null;
        });
        commands.put("number", (out, err, args) -> 42);
        commands.put("fail", (out, err, args) -> {
            out.print("partial\n");
            throw new IllegalArgumentException("no realm 'nope'");
        });
        commands.put("npe", (out, err, args) -> {
            throw new NullPointerException("Cannot invoke \"x\"");
        });
        commands.put("big", (out, err, args) -> "x".repeat(Integer.parseInt(args.get(0))));
    }

    /** A command that waits until {@code release} is counted down, counting {@code started} down first. */
    void blocking(String name, CountDownLatch started, CountDownLatch release) {
        commands.put(name, (out, err, args) -> {
            started.countDown();
            release.await();
            return "released";
        });
    }

    @Override
    public CommandSession createSession(InputStream in, OutputStream out, OutputStream err) {
        opened.incrementAndGet();
        return new Session(in, (PrintStream) out, (PrintStream) err);
    }

    @Override
    public CommandSession createSession(CommandSession parent) {
        throw new UnsupportedOperationException();
    }

    private final class Session implements CommandSession {
        private final InputStream in;
        private final PrintStream out;
        private final PrintStream err;

        Session(InputStream in, PrintStream out, PrintStream err) {
            this.in = in;
            this.out = out;
            this.err = err;
        }

        @Override
        public Object execute(CharSequence line) throws Exception {
            executed.add(line.toString());
            if (in.read() != -1) {
                throw new AssertionError("a shell socket session has no input");
            }
            List<String> words = List.of(line.toString().split(" +"));
            Command command = commands.get(words.get(0));
            if (command == null) {
                throw new IllegalArgumentException("Command not found: " + words.get(0));
            }
            return command.run(out, err, words.subList(1, words.size()));
        }

        @Override
        public CharSequence format(Object target, int level) {
            return target instanceof CharSequence text ? text : "<" + target + ">";
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }

        @Override
        public Path currentDir() {
            return null;
        }

        @Override
        public void currentDir(Path path) {
        }

        @Override
        public ClassLoader classLoader() {
            return null;
        }

        @Override
        public void classLoader(ClassLoader classLoader) {
        }

        @Override
        public InputStream getKeyboard() {
            return in;
        }

        @Override
        public PrintStream getConsole() {
            return out;
        }

        @Override
        public Object get(String name) {
            return null;
        }

        @Override
        public Object put(String name, Object value) {
            return null;
        }

        @Override
        public Object convert(Class<?> type, Object instance) {
            return instance;
        }

        @Override
        public List<Job> jobs() {
            return List.of();
        }

        @Override
        public Job foregroundJob() {
            return null;
        }

        @Override
        public void setJobListener(JobListener listener) {
        }
    }
}
