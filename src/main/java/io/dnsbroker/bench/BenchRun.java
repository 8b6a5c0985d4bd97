package io.dnsbroker.bench;

import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.broker.Connections;
import io.dnsbroker.broker.Topology;
import io.dnsbroker.client.ClientSettings;
import io.dnsbroker.client.ResolverClient;
import io.dnsbroker.dns.TableException;
import io.dnsbroker.protocol.Codec;
import io.dnsbroker.protocol.Query;
import io.dnsbroker.protocol.QueryBatch;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One bench run: generate the workload, measure the broker's ceiling (PerfTest, bare RPC), start
 * the servers in a virtual host of their own, resolve the names, count what the broker carried,
 * and print one summary. Each step runs alone, so none competes with another for the CPU.
 */
public final class BenchRun {
    private static final Logger LOG = LoggerFactory.getLogger(BenchRun.class);

    private BenchRun() {
    }

    public static BenchReport.Figures run(BenchSettings s, ClientSettings client, PrintStream out)
            throws IOException, InterruptedException, TableException {
        LOG.info("bench: generating {} queries over {} groups of {} names in {}", s.queries(), s.groups().size(), s.namesPerGroup(), s.dir());
        Workload workload = Workload.generate(s.dir(), s);
        int messageBytes = typicalMessageBytes(client.batch(), client.timeout().toMillis());

        PerfTestRun.Result perfTest = null;
        String perfTestWhyNot = "not asked for";
        Histogram rpc = new Histogram(3);
        if (s.ceiling()) {
            try {
                String classpath = PerfTestRun.classpath(s.perfTestClasspath(), s.dir().getParent() == null ? s.dir() : s.dir().getParent());
                LOG.info("bench: PerfTest for {} s at {} bytes a message", s.perfTestSeconds(), messageBytes);
                perfTest = PerfTestRun.run(classpath, s.amqpUri(), s.namespace() + ".perftest-" + shortId(), messageBytes, s.perfTestSeconds());
            } catch (IOException e) {
                perfTestWhyNot = e.getMessage();
                LOG.warn("bench: PerfTest not run: {}", e.getMessage());
            }
            LOG.info("bench: bare request/reply, {} round trips", s.rpcRoundTrips());
            rpc = BareRpc.run(new Connections(s.amqpUri(), new Topology(s.namespace())), messageBytes, s.rpcRoundTrips());
        }

        ManagementApi api = ManagementApi.of(s.amqpUri(), s.managementUri());
        String vhost = null;
        String uri = s.amqpUri();
        String messagesWhyNot = "the run shared its vhost (--own-vhost=false)";
        if (s.ownVhost()) {
            String wanted = "dns-broker-bench-" + shortId();
            try {
                api.createVhost(wanted);
                vhost = wanted;
                uri = ManagementApi.withVhost(s.amqpUri(), vhost);
            } catch (IOException e) {
                messagesWhyNot = "no vhost of its own: " + e.getMessage();
                LOG.warn("bench: running in the URI's vhost, message counts unknown: {}", e.getMessage());
            }
        }
        Connections connections = new Connections(uri, new Topology(s.namespace()));
        // Ctrl-C skips the finally below; the hook still takes the run's vhost away.
        String ownVhost = vhost;
        Thread leftovers = new Thread(() -> cleanUp(api, ownVhost, connections, s.groups()), "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(leftovers);
        long delivered = -1;
        LoadRun.Result load;
        try {
            try (AutoCloseable roles = Roles.start(connections, workload, s, uri);
                 ResolverClient resolver = ResolverClient.start(connections.open("bench-client"), client)) {
                LOG.info("bench: resolving {} names", s.queries());
                // Past every deadline and grace, plus a few wheel ticks, nothing is pending anywhere.
                Duration settle = client.timeout().plus(client.grace()).plusMillis(100);
                load = LoadRun.run(resolver, workload, client.inflight(), s.rate(), s.warmUp(), settle, messagesSoFar(api, vhost), out);
            } catch (IOException | InterruptedException | TableException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("a role failed to stop: " + e.getMessage(), e);
            }
            if (vhost != null && load.messagesBefore() < 0) {
                messagesWhyNot = "the management API did not answer before the measured run";
            } else if (vhost != null) {
                LOG.info("bench: waiting for the broker's message counters to settle");
                try {
                    delivered = api.settledDeliveries(vhost) - load.messagesBefore();
                } catch (IOException e) {
                    messagesWhyNot = e.getMessage();
                }
            }
        } finally {
            cleanUp(api, vhost, connections, s.groups());
            Runtime.getRuntime().removeShutdownHook(leftovers);
        }
        return new BenchReport.Figures(s, client, load, delivered, messagesWhyNot, messageBytes, perfTest, perfTestWhyNot, rpc);
    }

    /** Without a vhost of its own the broker's counts include strangers' messages: unknown. */
    private static LoadRun.MessageCount messagesSoFar(ManagementApi api, String vhost) {
        return () -> {
            if (vhost == null) {
                return -1;
            }
            LOG.info("bench: waiting for the broker's message counters to settle before the measured run");
            try {
                return api.settledDeliveries(vhost);
            } catch (IOException e) {
                LOG.warn("bench: no message count before the measured run: {}", e.getMessage());
                return -1;
            }
        };
    }

    /** The size of a client's query message at this batch size, names like the workload's. */
    static int typicalMessageBytes(int batch, long timeoutMillis) {
        List<Query> queries = new ArrayList<>(batch);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (int i = 0; i < batch; i++) {
            queries.add(new Query("0123abcd-" + (1_000_000 + i), Workload.hostName("ts1", 50_000 + i), "A", deadline));
        }
        return Codec.encode(new QueryBatch(queries)).length;
    }

    private static void cleanUp(ManagementApi api, String vhost, Connections connections, List<String> groups) {
        try {
            if (vhost != null) {
                api.deleteVhost(vhost);
                return;
            }
            try (BrokerConnection admin = connections.open("bench-cleanup")) {
                admin.onChannel(channel -> {
                    connections.topology().delete(channel, groups);
                    return null;
                });
            }
        } catch (IOException e) {
            LOG.warn("bench: could not clean up {}: {}", vhost != null ? "vhost " + vhost : "namespace", e.getMessage());
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
