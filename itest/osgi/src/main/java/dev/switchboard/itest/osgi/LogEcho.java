package dev.switchboard.itest.osgi;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Keeps the test run quiet without hiding problems. The itest runtime adds the Felix Log Service, so Felix SCR (and
 * FileInstall) log there instead of printing to the console; this echoes every WARN and ERROR entry to stderr,
 * except the ones a test announced with {@link #expect} because it provokes them on purpose (a realm that must fail
 * to activate). Entries logged before the tests started are replayed from the log's history.
 */
final class LogEcho implements LogListener {

    private static final Set<String> EXPECTED = ConcurrentHashMap.newKeySet();
    private static volatile boolean started;

    private LogEcho() {}

    /** Starts echoing, once per framework. */
    static synchronized void start(BundleContext context) {
        if (started) {
            return;
        }
        started = true;
        LogEcho echo = new LogEcho();
        new ServiceTracker<LogReaderService, LogReaderService>(context, LogReaderService.class, null) {
            @Override
            public LogReaderService addingService(org.osgi.framework.ServiceReference<LogReaderService> reference) {
                LogReaderService reader = super.addingService(reference);
                List<LogEntry> history = new ArrayList<>(Collections.list(reader.getLog()));
                Collections.reverse(history); // getLog() is newest first
                history.forEach(echo::logged);
                reader.addLogListener(echo);
                return reader;
            }
        }.open();
    }

    /**
     * Announces a WARN or ERROR entry the calling test provokes: entries whose message or exception message contains
     * the fragment are not echoed.
     */
    static void expect(String fragment) {
        EXPECTED.add(fragment);
    }

    @Override
    public void logged(LogEntry entry) {
        if (entry.getLogLevel().implies(LogLevel.INFO) || isExpected(entry)) {
            return; // INFO and more detailed, or provoked on purpose
        }
        StringBuilder line = new StringBuilder()
                .append(entry.getLogLevel()).append(" [")
                .append(entry.getBundle() == null ? "?" : entry.getBundle().getSymbolicName()).append("] ")
                .append(entry.getMessage());
        if (entry.getException() != null) {
            StringWriter trace = new StringWriter();
            entry.getException().printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace);
        }
        System.err.println(line);
    }

    private static boolean isExpected(LogEntry entry) {
        String message = entry.getMessage() == null ? "" : entry.getMessage();
        String exception = entry.getException() == null ? "" : String.valueOf(entry.getException().getMessage());
        return EXPECTED.stream().anyMatch(f -> message.contains(f) || exception.contains(f));
    }
}
