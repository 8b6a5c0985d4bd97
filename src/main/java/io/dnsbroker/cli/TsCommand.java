package io.dnsbroker.cli;

import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.dns.Table;
import io.dnsbroker.dns.TableParser;
import io.dnsbroker.ts.TableWatcher;
import io.dnsbroker.ts.TopLevelServer;
import io.dnsbroker.ts.TsMetrics;
import io.dnsbroker.ts.TsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "ts", mixinStandardHelpOptions = true,
        description = "A TS worker: answers its group's queries from its table. Workers of one group share the group's queue.")
final class TsCommand implements Callable<Integer> {
    @Mixin
    BrokerOptions broker;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--group", paramLabel = "NAME", defaultValue = "${env:GROUP:-ts1}",
            description = "The group this worker serves; its queue is <ns>.ts.<group> (env GROUP; default ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--table", paramLabel = "FILE", required = true, defaultValue = "${env:TABLE}",
            description = "The group's table: 'name value [type] [ttl]' a line (env TABLE).")
    Path table;

    @Option(names = "--consumers", paramLabel = "N", defaultValue = "${env:CONSUMERS:-" + TsSettings.DEFAULT_CONSUMERS + "}",
            description = "Consumers in this worker, each on its own channel (env CONSUMERS; default ${DEFAULT-VALUE}).")
    int consumers;

    @Option(names = "--prefetch", paramLabel = "N", defaultValue = "${env:PREFETCH:-" + TsSettings.DEFAULT_PREFETCH + "}",
            description = "Unacknowledged messages per consumer (env PREFETCH; default ${DEFAULT-VALUE}).")
    int prefetch;

    @Option(names = "--reload-interval", paramLabel = "DURATION", defaultValue = "${env:RELOAD_INTERVAL:-5s}",
            converter = DurationConverter.class,
            description = "How often the table file is checked for changes; a good new file replaces the table, a bad one is "
                    + "refused and the old table serves on; 0 turns reloading off (env RELOAD_INTERVAL; default ${DEFAULT-VALUE}).")
    Duration reloadInterval;

    @Override
    public Integer call() throws Exception {
        TsSettings settings = new TsSettings().group(group).consumers(consumers).prefetch(prefetch);
        if (reloadInterval.isNegative()) {
            throw new IllegalArgumentException("--reload-interval cannot be negative, got " + reloadInterval);
        }
        metrics.start();
        TsMetrics tsMetrics = metrics.ts(group);
        TableWatcher watcher = new TableWatcher(table, new TableParser(), tsMetrics);
        Table loaded = watcher.load();
        BrokerConnection connection = broker.connections().open(group, consumers);
        Lifecycle.serveUntilStopped(group, () -> {
            TopLevelServer server = TopLevelServer.start(connection, settings, loaded, tsMetrics);
            if (!reloadInterval.isZero()) {
                watcher.watch(reloadInterval, server::replaceTable);
            }
            return metrics.closing(() -> {
                watcher.close();
                server.close();
                broker.close();
            });
        });
        return ExitCode.OK;
    }
}
