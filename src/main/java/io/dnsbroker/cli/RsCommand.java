package io.dnsbroker.cli;

import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.rs.RootServer;
import io.dnsbroker.rs.RsMetrics;
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

    @Option(names = "--groups", paramLabel = "G1,G2", split = ",", defaultValue = "${env:GROUPS:-ts1,ts2}",
            description = "The TS groups to ask (env GROUPS; default ${DEFAULT-VALUE}).")
    List<String> groups;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "${env:TIMEOUT:-2000ms}", converter = DurationConverter.class,
            description = "Longest time RS waits for the groups; a client's earlier deadline wins (env TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--prefetch", paramLabel = "N", defaultValue = "${env:PREFETCH:-" + RsSettings.DEFAULT_PREFETCH + "}",
            description = "Unacknowledged messages per consumer (env PREFETCH; default ${DEFAULT-VALUE}).")
    int prefetch;

    @Override
    public Integer call() throws Exception {
        RsSettings settings = new RsSettings().groups(groups).timeout(timeout).prefetch(prefetch);
        BrokerConnection connection = broker.connections().open("rs");
        RootServer server = RootServer.start(connection, settings, RsMetrics.NONE);
        Lifecycle.serveUntilStopped("rs", () -> {
            server.close();
            broker.close();
        });
        return ExitCode.OK;
    }
}
