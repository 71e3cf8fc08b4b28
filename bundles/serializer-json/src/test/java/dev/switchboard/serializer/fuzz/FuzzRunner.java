package dev.switchboard.serializer.fuzz;

import java.time.Duration;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A seeded fuzz loop on plain JUnit 5: generates inputs from a seed, checks a property on each, and on the first
 * failure shrinks the input greedily and fails with the seeds that reproduce it.
 *
 * <p>Bounded by tries and by time, whichever ends first. The defaults keep a module's fuzz tests at a few seconds;
 * system properties (passed through by Surefire from {@code mvn -D...}) lengthen a run:
 * <ul>
 *   <li>{@value #TRIES_PROPERTY}: tries per property (default: each test's own; given alone, no time cap)</li>
 *   <li>{@value #SECONDS_PROPERTY}: time per property in seconds (default: each test's own cap; given alone,
 *       tries are unlimited)</li>
 *   <li>{@value #SEED_PROPERTY}: the master seed, a number or {@code random} (default: fixed per property, so
 *       the default run is deterministic)</li>
 *   <li>{@value #CASE_PROPERTY}: replay exactly one case seed, as printed by a failure</li>
 * </ul>
 * Each case runs on a worker thread under a watchdog, so an input that makes the code under test loop forever
 * fails the test with that input instead of hanging the build.
 */
public final class FuzzRunner {

    public static final String TRIES_PROPERTY = "fuzz.tries";
    public static final String SECONDS_PROPERTY = "fuzz.seconds";
    public static final String SEED_PROPERTY = "fuzz.seed";
    public static final String CASE_PROPERTY = "fuzz.case";
    /** A single case running longer than this is a hang. */
    public static final String HANG_SECONDS_PROPERTY = "fuzz.hangSeconds";

    private static final int MAX_SHRINK_ATTEMPTS = 5_000;
    private static final Duration MAX_SHRINK_TIME = Duration.ofSeconds(20);

    /** Makes an input from a random source; must draw all its randomness from that source. */
    public interface Generator<T> {
        T next(SplittableRandom random);
    }

    /** Throws (anything) when the input violates the property. */
    public interface Property<T> {
        void check(T input) throws Throwable;
    }

    /** Smaller variants of a failing input, most promising first. */
    public interface Shrinker<T> {
        Stream<T> candidates(T input);

        static <T> Shrinker<T> none() {
            return input -> Stream.empty();
        }
    }

    private final String name;
    private final int tries;
    private final Duration time;
    private final Duration hang;

    private FuzzRunner(String name, int tries, Duration time, Duration hang) {
        this.name = name;
        this.tries = tries;
        this.time = time;
        this.hang = hang;
    }

    /**
     * A runner for one property with its default budget; {@value #TRIES_PROPERTY} and {@value #SECONDS_PROPERTY}
     * override it.
     */
    public static FuzzRunner of(String name, int defaultTries, double defaultSeconds) {
        // Whichever of the two is given bounds a longer run on its own; neither gives the default budget.
        boolean triesGiven = System.getProperty(TRIES_PROPERTY) != null;
        boolean secondsGiven = System.getProperty(SECONDS_PROPERTY) != null;
        int tries = triesGiven ? Integer.getInteger(TRIES_PROPERTY) : secondsGiven ? Integer.MAX_VALUE : defaultTries;
        double seconds = secondsGiven ? doubleProperty(SECONDS_PROPERTY, defaultSeconds)
                : triesGiven ? 365 * 86_400 : defaultSeconds;
        double hangSeconds = doubleProperty(HANG_SECONDS_PROPERTY, 60); // generous: only a hang, never a busy machine, fails
        return new FuzzRunner(name, tries, Duration.ofMillis((long) (seconds * 1000)),
                Duration.ofMillis((long) (hangSeconds * 1000)));
    }

    /** What a finished run did, for the log line every run prints. */
    public record Summary(String name, long seed, int tries, long millis) {
        @Override
        public String toString() {
            return "fuzz " + name + ": " + tries + " tries in " + millis + " ms (seed " + seed + ")";
        }
    }

    /**
     * Runs the property on generated inputs until the budget is used up.
     *
     * @throws AssertionError for the first failing input, shrunk, with the seeds that reproduce it
     */
    public <T> Summary run(Generator<T> generator, Property<T> property, Shrinker<T> shrinker,
            Function<T, String> describe) {
        long seed = masterSeed();
        Long onlyCase = Long.getLong(CASE_PROPERTY);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Progress progress = new Progress();
        Thread worker = new Thread(() -> {
            try {
                outcome.set(loop(seed, onlyCase, generator, property, shrinker, describe, progress));
            } catch (RuntimeException | Error e) { // the generator or describe itself broke: a bug in the test
                outcome.set(new AssertionError(name + ": the fuzz harness failed (master seed " + seed
                        + ", case seed " + progress.caseSeed + ")", e));
            }
        }, "fuzz-" + name);
        worker.setDaemon(true); // a hung case must not keep the JVM alive
        long start = System.nanoTime();
        worker.start();
        awaitWithWatchdog(worker, progress, seed, describe);
        Object result = outcome.get();
        if (result instanceof AssertionError failure) {
            throw failure;
        }
        if (!(result instanceof Integer)) {
            throw new AssertionError(name + ": the fuzz worker ended without a result (master seed " + seed + ")");
        }
        Summary summary = new Summary(name, seed, (Integer) result, (System.nanoTime() - start) / 1_000_000);
        System.out.println(summary);
        return summary;
    }

    /** What the worker is on, for the watchdog. */
    private static final class Progress {
        volatile long caseSeed;
        volatile Object input;
        volatile long caseStartedNanos;
        volatile int tried;
    }

    private <T> Object loop(long seed, Long onlyCase, Generator<T> generator, Property<T> property,
            Shrinker<T> shrinker, Function<T, String> describe, Progress progress) {
        SplittableRandom master = new SplittableRandom(seed);
        long deadline = System.nanoTime() + time.toNanos();
        int tried = 0;
        while (onlyCase != null ? tried < 1 : tried < tries && System.nanoTime() < deadline) {
            long caseSeed = onlyCase != null ? onlyCase : master.nextLong();
            progress.caseSeed = caseSeed;
            T input = generator.next(new SplittableRandom(caseSeed));
            progress.input = input;
            progress.caseStartedNanos = System.nanoTime();
            Throwable failure = failureOf(property, input);
            tried++;
            progress.tried = tried;
            if (failure != null) {
                return failed(seed, caseSeed, tried, input, failure, property, shrinker, describe, progress);
            }
        }
        return tried;
    }

    private <T> AssertionError failed(long seed, long caseSeed, int tried, T input, Throwable failure,
            Property<T> property, Shrinker<T> shrinker, Function<T, String> describe, Progress progress) {
        T smallest = input;
        Throwable smallestFailure = failure;
        int steps = 0;
        int attempts = 0;
        long deadline = System.nanoTime() + MAX_SHRINK_TIME.toNanos();
        boolean shrunk = true;
        while (shrunk && attempts < MAX_SHRINK_ATTEMPTS && System.nanoTime() < deadline) {
            shrunk = false;
            Iterator<T> candidates = shrinker.candidates(smallest).iterator();
            while (candidates.hasNext() && attempts < MAX_SHRINK_ATTEMPTS && System.nanoTime() < deadline) {
                T candidate = candidates.next();
                attempts++;
                progress.input = candidate;
                progress.caseStartedNanos = System.nanoTime();
                Throwable f = failureOf(property, candidate);
                if (f != null && f.getClass() == failure.getClass()) {
                    smallest = candidate;
                    smallestFailure = f;
                    steps++;
                    shrunk = true;
                    break;
                }
            }
        }
        AssertionError error = new AssertionError(name + " failed on try " + tried + " (master seed " + seed
                + ", case seed " + caseSeed + ").\n"
                + "Replay that case: -D" + CASE_PROPERTY + "=" + caseSeed + "   the whole run: -D" + SEED_PROPERTY + "="
                + seed + "\n"
                + (steps > 0 ? "Shrunk in " + steps + " steps to: " : "Input: ") + describeSafely(describe, smallest)
                + "\nFailure: " + smallestFailure, smallestFailure);
        return error;
    }

    private <T> void awaitWithWatchdog(Thread worker, Progress progress, long seed, Function<T, String> describe) {
        try {
            while (worker.isAlive()) {
                worker.join(50);
                long started = progress.caseStartedNanos;
                if (worker.isAlive() && started != 0 && System.nanoTime() - started > hang.toNanos()) {
                    StackTraceElement[] where = worker.getStackTrace();
                    worker.interrupt();
                    @SuppressWarnings("unchecked")
                    T input = (T) progress.input;
                    AssertionError hung = new AssertionError(name + ": a case ran longer than " + hang.toSeconds()
                            + " s (master seed " + seed + ", case seed " + progress.caseSeed + ", try "
                            + (progress.tried + 1) + ").\nReplay: -D" + CASE_PROPERTY + "=" + progress.caseSeed
                            + "\nInput: " + describeSafely(describe, input));
                    Throwable stack = new Throwable("the worker was here");
                    stack.setStackTrace(where);
                    hung.addSuppressed(stack);
                    throw hung;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted", e);
        }
    }

    private static <T> Throwable failureOf(Property<T> property, T input) {
        try {
            property.check(input);
            return null;
        } catch (Throwable t) { // StackOverflowError and OutOfMemoryError are findings too
            return t;
        }
    }

    private static <T> String describeSafely(Function<T, String> describe, T input) {
        try {
            String text = describe.apply(input);
            return text.length() <= 20_000 ? text : text.substring(0, 20_000) + "... (" + text.length() + " chars)";
        } catch (RuntimeException | StackOverflowError e) {
            return "(cannot describe: " + e + ")";
        }
    }

    private long masterSeed() {
        String configured = System.getProperty(SEED_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return name.hashCode() * 0x9E3779B97F4A7C15L; // fixed per property: the default run is deterministic
        }
        if (configured.equalsIgnoreCase("random")) {
            return System.nanoTime() ^ Thread.currentThread().getId() * 0x9E3779B97F4A7C15L;
        }
        return Long.parseLong(configured.trim());
    }

    private static double doubleProperty(String key, double fallback) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? fallback : Double.parseDouble(value.trim());
    }
}
