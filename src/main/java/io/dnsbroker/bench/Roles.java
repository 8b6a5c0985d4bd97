package io.dnsbroker.bench;

import io.dnsbroker.broker.Connections;
import io.dnsbroker.dns.Table;
import io.dnsbroker.dns.TableException;
import io.dnsbroker.dns.TableParser;
import io.dnsbroker.rs.RootServer;
import io.dnsbroker.rs.RsMetrics;
import io.dnsbroker.rs.RsSettings;
import io.dnsbroker.ts.TopLevelServer;
import io.dnsbroker.ts.TsMetrics;
import io.dnsbroker.ts.TsSettings;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The servers of a bench run, RS and TS workers, started in this JVM; closed in reverse order,
 * so RS finishes the queries in hand while the groups still answer.
 */
final class Roles implements AutoCloseable {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    static AutoCloseable start(Connections connections, Workload workload, BenchSettings settings, String amqpUri) throws IOException, TableException {
        if (settings.processes()) {
            return RoleProcesses.start(connections, workload, settings, amqpUri);
        }
        Roles roles = new Roles();
        try {
            for (String group : workload.groups()) {
                Table table = new TableParser().parse(workload.table(group));
                TsSettings ts = new TsSettings().group(group).consumers(settings.consumers());
                for (int w = 0; w < settings.tsWorkers(); w++) {
                    roles.started.push(TopLevelServer.start(connections.open(group, ts.consumers()), ts, table, TsMetrics.NONE));
                }
            }
            RsSettings rs = new RsSettings().groups(workload.groups()).timeout(settings.timeout());
            for (int r = 0; r < settings.rootServers(); r++) {
                roles.started.push(RootServer.start(connections.open("rs"), rs, RsMetrics.NONE));
            }
            return roles;
        } catch (IOException | RuntimeException e) {
            roles.close();
            throw e;
        }
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(Roles.class).warn("a role did not stop cleanly: {}", e.toString());
            }
        }
    }
}
