package io.dnsbroker.cli;

import io.dnsbroker.broker.Connections;
import io.dnsbroker.client.ResolverClient;
import io.dnsbroker.dns.Table;
import io.dnsbroker.gateway.GatewaySettings;
import io.dnsbroker.rs.RootServer;
import io.dnsbroker.rs.RsSettings;
import io.dnsbroker.ts.TopLevelServer;
import io.dnsbroker.ts.TsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Every role in one process: one TS worker per --table, RS, and a client that resolves --in into --out.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    BrokerOptions broker;

    @Mixin
    ClientOptions options;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--table", paramLabel = "GROUP=FILE",
            description = "A TS group and its table; repeat for each group (default ts1=tables/PROJ2-DNSTS1.txt, ts2=tables/PROJ2-DNSTS2.txt).")
    Map<String, Path> tables = new LinkedHashMap<>();

    @Option(names = "--consumers", paramLabel = "N", defaultValue = "" + TsSettings.DEFAULT_CONSUMERS,
            description = "Consumers per TS group (default ${DEFAULT-VALUE}).")
    int consumers;

    @Option(names = "--gateway", paramLabel = "HOST:PORT", defaultValue = "${env:GATEWAY}",
            description = "After the file, serve DNS here (UDP and TCP) until stopped (env GATEWAY; default none).")
    String gateway;

    private final PrintStream err;

    RunCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        if (tables.isEmpty()) {
            tables.put("ts1", Path.of("tables/PROJ2-DNSTS1.txt"));
            tables.put("ts2", Path.of("tables/PROJ2-DNSTS2.txt"));
        }
        GatewaySettings gatewaySettings = gateway == null ? null : new GatewaySettings().listen(GatewaySettings.parseListen(gateway));
        Map<String, Table> loaded = new LinkedHashMap<>();
        for (Map.Entry<String, Path> entry : tables.entrySet()) {
            loaded.put(entry.getKey(), Tables.load(entry.getValue()));
        }
        List<AutoCloseable> roles = new ArrayList<>();
        metrics.start();
        try {
            Connections connections = broker.connections();
            for (Map.Entry<String, Table> entry : loaded.entrySet()) {
                TsSettings settings = new TsSettings().group(entry.getKey()).consumers(consumers);
                roles.add(TopLevelServer.start(connections.open(entry.getKey(), settings.consumers()), settings, entry.getValue(), metrics.ts(entry.getKey())));
            }
            RsSettings rsSettings = new RsSettings().groups(List.copyOf(loaded.keySet())).timeout(options.timeout);
            RootServer rs = RootServer.start(connections.open("rs"), rsSettings, metrics.rs());
            metrics.watchPending(rs);
            roles.add(0, rs);
            try (ResolverClient client = ResolverClient.start(connections.open("client"), options.settings())) {
                FileJob.run(client, options, err);
            }
            if (gatewaySettings != null) {
                GatewayCommand.serve(connections, gatewaySettings);
            }
        } finally {
            for (AutoCloseable role : roles) {
                role.close();
            }
            metrics.stop();
            broker.close();
        }
        return ExitCode.OK;
    }
}
