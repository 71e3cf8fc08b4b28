package dev.switchboard.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples a process's CPU time and resident set from {@code /proc/<pid>} while a measurement runs (every 200 ms):
 * CPU as percent of one core averaged over the window, RSS as its peak. Also finds a router's pid from the socket
 * it listens on, and asks a JVM for its heap with {@code jcmd}.
 */
final class ProcSampler {
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux
    private final long pid;
    private Thread thread;
    private volatile boolean running;
    private long startTicks;
    private long startNanos;
    private long endTicks;
    private long endNanos;
    private volatile long peakRssKb;
    private java.util.Map<String, ThreadTicks> startThreads = java.util.Map.of();
    private java.util.Map<String, ThreadTicks> endThreads = java.util.Map.of();

    ProcSampler(long pid) {
        this.pid = pid;
    }

    void start() {
        startThreads = threadTicks(pid);
        startTicks = cpuTicks(pid);
        startNanos = System.nanoTime();
        peakRssKb = rssKb(pid);
        running = true;
        thread = new Thread(() -> {
            while (running) {
                peakRssKb = Math.max(peakRssKb, rssKb(pid));
                sleep(200);
            }
        }, "proc-sampler-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        endTicks = cpuTicks(pid);
        endNanos = System.nanoTime();
        endThreads = threadTicks(pid);
        peakRssKb = Math.max(peakRssKb, rssKb(pid));
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Average CPU over the window in percent of one core (200 = both cores of this machine busy). */
    double cpuPercent() {
        double seconds = (endNanos - startNanos) / 1e9;
        return seconds <= 0 || startTicks < 0 ? Double.NaN : 100.0 * (endTicks - startTicks) / CLOCK_TICKS / seconds;
    }

    /**
     * CPU of the process's threads by role over the window, percent of one core: {@code routing} (Switchboard's realm
     * actor pool, jawampa's router event loop: the serial part), {@code io} (Jetty's WebSocket and RawSocket pools,
     * jawampa's Netty loops), {@code jvm} (GC and JIT compiler threads).
     */
    java.util.Map<String, Double> groupCpuPercent() {
        double seconds = (endNanos - startNanos) / 1e9;
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        java.util.Map<String, Long> ticks = new java.util.HashMap<>();
        for (java.util.Map.Entry<String, ThreadTicks> end : endThreads.entrySet()) {
            ThreadTicks start = startThreads.get(end.getKey());
            ticks.merge(end.getValue().group(), end.getValue().ticks() - (start == null ? 0 : start.ticks()), Long::sum);
        }
        for (String g : List.of("routing", "io", "jvm")) {
            long d = ticks.getOrDefault(g, 0L);
            out.put(g, seconds <= 0 ? Double.NaN : 100.0 * d / CLOCK_TICKS / seconds);
        }
        return out;
    }

    private record ThreadTicks(String group, long ticks) {}

    /**
     * CPU ticks of the process's threads with a role, by thread id: the window's figure is the sum of each thread's
     * difference. A thread started during the window counts whole (all its CPU is inside the window); one that ended
     * during the window (an idle pool thread let go) is missed, never subtracted.
     */
    private static java.util.Map<String, ThreadTicks> threadTicks(long pid) {
        java.util.Map<String, ThreadTicks> threads = new java.util.HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    String group = role(name);
                    if (group != null) {
                        long ticks = cpuTicks(task);
                        if (ticks > 0) {
                            threads.put(task.getFileName().toString(), new ThreadTicks(group, ticks));
                        }
                    }
                } catch (IOException e) {
                    // the thread ended
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        return threads;
    }

    private static String role(String thread) {
        if (thread.startsWith("switchboard-rou") || thread.startsWith("WampRouterEvent")) {
            return "routing";
        }
        if (thread.startsWith("websocket-") || thread.startsWith("rawsocket-") || thread.startsWith("WampRouterClie")
                || thread.startsWith("WampRouterBoss")) {
            return "io";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ") || thread.startsWith("C1 Compiler")
                || thread.startsWith("C2 Compiler") || thread.equals("VM Thread")) {
            return "jvm";
        }
        return null;
    }

    private static long cpuTicks(Path procEntry) {
        try {
            String stat = Files.readString(procEntry.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    double peakRssMb() {
        return peakRssKb / 1024.0;
    }

    /** utime + stime in clock ticks, -1 if the process is gone. */
    static long cpuTicks(long pid) {
        // the command name (field 2) may hold spaces: fields are counted after its closing parenthesis
        return cpuTicks(Path.of("/proc/" + pid));
    }

    /** VmRSS in KiB once it has stopped falling (two readings 250 ms apart within 1 MiB), at most after 5 s. */
    static long settledRssKb(long pid) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long previous = rssKb(pid);
        while (System.nanoTime() < deadline) {
            sleep(250);
            long now = rssKb(pid);
            if (previous - now < 1024) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    /** VmRSS in KiB, 0 if unknown. */
    static long rssKb(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** Threads of the process now, 0 if unknown. */
    static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    private static long statusField(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    /**
     * The pid of the process listening on {@code endpoint}'s TCP port or Unix socket, found through
     * {@code /proc/net} and the processes' open sockets; -1 when none is found (another user's process).
     */
    static long listenerPid(Endpoint endpoint) {
        Set<String> inodes = new HashSet<>();
        String relative = null;
        try {
            if (endpoint.unix()) {
                // a listener bound to a relative path shows it relative: match it as a suffix, then check the pid's cwd
                String path = endpoint.address().toString();
                for (String line : Files.readAllLines(Path.of("/proc/net/unix"))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length >= 8 && f[5].equals("01") && (f[7].equals(path) || path.endsWith("/" + f[7]))) {
                        inodes.add(f[6]);
                        relative = f[7].startsWith("/") ? null : f[7];
                    }
                }
            } else {
                String port = String.format(":%04X", endpoint.port());
                for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                    for (String line : Files.readAllLines(Path.of(table))) {
                        String[] f = line.trim().split("\\s+");
                        if (f.length > 9 && f[1].endsWith(port) && f[3].equals("0A")) {
                            inodes.add(f[9]);
                        }
                    }
                }
            }
        } catch (IOException e) {
            return -1;
        }
        if (inodes.isEmpty()) {
            return -1;
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                if (ownsSocket(proc, inodes) && (relative == null || sameFile(proc, relative, endpoint))) {
                    return Long.parseLong(proc.getFileName().toString());
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Whether {@code relative}, seen from the process's working directory, is the endpoint's socket file. */
    private static boolean sameFile(Path proc, String relative, Endpoint endpoint) {
        try {
            return proc.resolve("cwd").toRealPath().resolve(relative).toString().equals(endpoint.address().toString());
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static boolean ownsSocket(Path proc, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | SecurityException e) {
            // not ours to read
        }
        return false;
    }

    private static final Pattern USED = Pattern.compile("used (\\d+)([KMG])");
    private static final Pattern COMMITTED = Pattern.compile("(?:total|committed|capacity) (\\d+)([KMG])");

    /**
     * Heap of a JVM after a full GC, from {@code jcmd PID GC.run} and {@code GC.heap_info}: {used MiB, committed MiB}
     * summed over the heap's lines (G1, Serial, Parallel, ZGC), or NaNs when jcmd cannot attach.
     */
    static double[] heapAfterGc(long pid) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(List.of(jcmd, Long.toString(pid), "GC.run"));
        String info = run(List.of(jcmd, Long.toString(pid), "GC.heap_info"));
        double used = 0;
        double committed = 0;
        boolean found = false;
        for (String line : info.split("\n")) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                continue;
            }
            Matcher u = USED.matcher(line);
            if (u.find()) {
                found = true;
                used += mib(u.group(1), u.group(2));
                Matcher c = COMMITTED.matcher(line);
                if (c.find()) {
                    committed += mib(c.group(1), c.group(2));
                }
            }
        }
        return found ? new double[] {used, committed} : new double[] {Double.NaN, Double.NaN};
    }

    private static double mib(String number, String unit) {
        double v = Long.parseLong(number);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
