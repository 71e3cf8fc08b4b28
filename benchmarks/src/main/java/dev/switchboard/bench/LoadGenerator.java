package dev.switchboard.bench;

import dev.switchboard.bench.load.Cli;

/**
 * The load generator's entry point: {@code java -cp benchmarks.jar dev.switchboard.bench.LoadGenerator COMMAND ...}.
 * Commands: {@code rpc}, {@code pubsub}, {@code sessions} (one scenario against one router URL), {@code suite} (the
 * whole set against Switchboard and the jawampa peer, as benchmarks/run-all.sh runs it) and {@code report} (writes
 * docs/benchmarks.md from the results). {@code help} lists the options.
 */
public final class LoadGenerator {
    private LoadGenerator() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
