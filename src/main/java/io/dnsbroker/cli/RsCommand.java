package io.dnsbroker.cli;

import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.rs.RootServer;
import io.dnsbroker.rs.RsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "rs", mixinStandardHelpOptions = true,
        description = "The root server: fans each query out to every TS group and relays one answer. Several may run.")
final class RsCommand implements Callable<Integer> {
    @Mixin
    BrokerOptions broker;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--groups", paramLabel = "G1,G2", split = ",", defaultValue = "${env:GROUPS:-ts1,ts2}",
            description = "The TS groups to ask (env GROUPS; default ${DEFAULT-VALUE}).")
    List<String> groups;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "${env:TIMEOUT:-2000ms}", converter = DurationConverter.class,
            description = "Longest time RS waits for the groups; a client's earlier deadline wins (env TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--prefetch", paramLabel = "N", defaultValue = "${env:PREFETCH:-" + RsSettings.DEFAULT_PREFETCH + "}",
            description = "Unacknowledged messages per consumer (env PREFETCH; default ${DEFAULT-VALUE}).")
    int prefetch;

    @Option(names = "--no-cache", defaultValue = "${env:NO_CACHE:-false}",
            description = "Keep no answers: every query goes to the groups (env NO_CACHE; default ${DEFAULT-VALUE}).")
    boolean noCache;

    @Option(names = "--cache-size", paramLabel = "N", defaultValue = "${env:CACHE_SIZE:-" + RsSettings.DEFAULT_CACHE_SIZE + "}",
            description = "Most answers kept, one per name and type; positive ones live for their record TTL (env CACHE_SIZE; "
                    + "default ${DEFAULT-VALUE}).")
    long cacheSize;

    @Option(names = "--negative-ttl", paramLabel = "DURATION", defaultValue = "${env:NEGATIVE_TTL:-60s}", converter = DurationConverter.class,
            description = "How long a HOST NOT FOUND is kept; 0 keeps none (env NEGATIVE_TTL; default ${DEFAULT-VALUE}).")
    Duration negativeTtl;

    @Option(names = "--serve-stale", paramLabel = "DURATION", defaultValue = "${env:SERVE_STALE:-0s}", converter = DurationConverter.class,
            description = "When no group can answer, serve an answer expired less than this long ago, marked stale (RFC 8767); "
                    + "0 serves none (env SERVE_STALE; default ${DEFAULT-VALUE}).")
    Duration serveStale;

    @Override
    public Integer call() throws Exception {
        RsSettings settings = new RsSettings().groups(groups).timeout(timeout).prefetch(prefetch)
                .cache(!noCache).cacheSize(cacheSize).negativeTtl(negativeTtl).serveStale(serveStale);
        BrokerConnection connection = broker.connections().open("rs");
        metrics.start();
        Lifecycle.serveUntilStopped("rs", () -> {
            RootServer server = RootServer.start(connection, settings, metrics.rs());
            metrics.watchPending(server);
            return metrics.closing(() -> {
                server.close();
                broker.close();
            });
        });
        return ExitCode.OK;
    }
}
