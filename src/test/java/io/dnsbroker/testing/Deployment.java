package io.dnsbroker.testing;

import com.rabbitmq.client.Channel;
import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.broker.Connections;
import io.dnsbroker.broker.QueueType;
import io.dnsbroker.broker.Topology;
import io.dnsbroker.client.ClientSettings;
import io.dnsbroker.client.ResolverClient;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * A deployment of the resolver in a namespace of its own on the test broker, with every role
 * started in this JVM. Closing it stops the roles and deletes the namespace's queues and exchanges.
 */
public final class Deployment implements AutoCloseable {
    private final Connections connections;
    private final Topology topology;
    private final List<String> groups;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    public Deployment(String... groups) {
        this(QueueType.CLASSIC, groups);
    }

    public Deployment(QueueType queueType, String... groups) {
        this.topology = new Topology("t" + UUID.randomUUID().toString().substring(0, 8), queueType);
        this.connections = new Connections(TestBroker.uri(), topology);
        this.groups = List.of(groups);
    }

    public Topology topology() {
        return topology;
    }

    public String namespace() {
        return topology.namespace();
    }

    public Connections connections() {
        return connections;
    }

    public static Table table(String... lines) {
        try {
            return new TableParser().parse("test-table", String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        } catch (TableException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public TopLevelServer ts(String group, Table table) throws IOException {
        return ts(group, table, 1, TsMetrics.NONE);
    }

    public TopLevelServer ts(String group, Table table, int consumers, TsMetrics metrics) throws IOException {
        TsSettings settings = new TsSettings().group(group).consumers(consumers);
        return track(TopLevelServer.start(connections.open(group), settings, table, metrics));
    }

    public RootServer rs(RsSettings settings, RsMetrics metrics) throws IOException {
        return track(RootServer.start(connections.open("rs"), settings.groups(groups), metrics));
    }

    public RootServer rs() throws IOException {
        return rs(new RsSettings(), RsMetrics.NONE);
    }

    public ResolverClient client(ClientSettings settings) throws IOException {
        return track(ResolverClient.start(connections.open("client"), settings));
    }

    /** A raw connection for a test that plays a role by hand; closed with the deployment. */
    public BrokerConnection connection(String role) throws IOException {
        return track(connections.open(role));
    }

    private <T extends AutoCloseable> T track(T role) {
        started.push(role);
        return role;
    }

    @Override
    public void close() throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
        try (BrokerConnection admin = connections.open("test-cleanup")) {
            admin.onChannel((Channel channel) -> {
                topology.delete(channel, groups);
                return null;
            });
        }
    }
}
