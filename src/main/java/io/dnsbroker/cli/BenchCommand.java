package io.dnsbroker.cli;

import io.dnsbroker.bench.BenchReport;
import io.dnsbroker.bench.BenchRun;
import io.dnsbroker.bench.BenchSettings;
import io.dnsbroker.client.ClientSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the resolver against the broker's own ceiling: generates tables and names, runs RabbitMQ "
                + "PerfTest and a bare request/reply, then RS, TS workers and a load client, and prints one summary.",
                "Run it from the repository root: PerfTest is fetched through Maven from ops/perftest/pom.xml."})
final class BenchCommand implements Callable<Integer> {
    @Mixin
    BrokerOptions broker;

    @Option(names = "--queries", paramLabel = "N", defaultValue = "${env:QUERIES:-" + BenchSettings.DEFAULT_QUERIES + "}",
            description = "Names the load client resolves (env QUERIES; default ${DEFAULT-VALUE}).")
    long queries;

    @Option(names = "--names", paramLabel = "N", defaultValue = "${env:NAMES:-" + BenchSettings.DEFAULT_NAMES_PER_GROUP + "}",
            description = "Names in each generated group table (env NAMES; default ${DEFAULT-VALUE}).")
    int names;

    @Option(names = "--groups", paramLabel = "G1,G2", split = ",", defaultValue = "${env:GROUPS:-ts1,ts2}",
            description = "The TS groups, each with a generated table; hits are spread evenly over them (env GROUPS; default ${DEFAULT-VALUE}).")
    List<String> groups;

    @Option(names = "--misses", paramLabel = "SHARE", defaultValue = "${env:MISSES:-" + BenchSettings.DEFAULT_MISS_SHARE + "}",
            description = "Share of names in no table, 0 to 1 (env MISSES; default ${DEFAULT-VALUE}).")
    double misses;

    @Option(names = "--repeats", paramLabel = "SHARE", defaultValue = "${env:REPEATS:-0}",
            description = "Share of names asked again soon after, 0 to 1 (env REPEATS; default ${DEFAULT-VALUE}).")
    double repeats;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "${env:SEED:-1}",
            description = "Seed of the generated names; one seed, one workload (env SEED; default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "${env:BATCH:-" + ClientSettings.DEFAULT_BATCH + "}",
            description = "Most queries in one client message; 1 for one message a query (env BATCH; default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--inflight", paramLabel = "N", defaultValue = "${env:INFLIGHT:-" + ClientSettings.DEFAULT_INFLIGHT + "}",
            description = "Queries the load client keeps outstanding (env INFLIGHT; default ${DEFAULT-VALUE}).")
    int inflight;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "${env:TIMEOUT:-2000ms}", converter = DurationConverter.class,
            description = "Deadline of each query, for the client and RS (env TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--rate", paramLabel = "Q/S", defaultValue = "${env:RATE:-0}",
            description = "Names a second the load client offers; 0 for as fast as --inflight allows (env RATE; default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "${env:WARM_UP:-" + BenchSettings.DEFAULT_WARM_UP + "}",
            description = "Names resolved first, unmeasured, so the JVMs have compiled the hot path; repeated (up to " + BenchSettings.MAX_WARM_UP_ROUNDS + " rounds) until the compiler threads take under "
                    + BenchSettings.SETTLED_JIT_PERCENT + " %% of the CPU (env WARM_UP; default ${DEFAULT-VALUE}).")
    long warmUp;

    @Option(names = "--consumers", paramLabel = "N", defaultValue = "${env:CONSUMERS:-1}",
            description = "Consumers in each TS worker (env CONSUMERS; default ${DEFAULT-VALUE}).")
    int consumers;

    @Option(names = "--ts-workers", paramLabel = "N", defaultValue = "${env:TS_WORKERS:-1}",
            description = "TS workers a group, each with its own connection (env TS_WORKERS; default ${DEFAULT-VALUE}).")
    int tsWorkers;

    @Option(names = "--root-servers", paramLabel = "N", defaultValue = "${env:ROOT_SERVERS:-1}",
            description = "RS instances sharing the RS queue (env ROOT_SERVERS; default ${DEFAULT-VALUE}).")
    int rootServers;

    @Option(names = "--processes", negatable = true, defaultValue = "${env:PROCESSES:-false}", fallbackValue = "true",
            description = "Run RS and TS workers as processes of their own instead of in this JVM (env PROCESSES; default ${DEFAULT-VALUE}).")
    boolean processes;

    @Option(names = "--ceiling", negatable = true, defaultValue = "${env:CEILING:-true}", fallbackValue = "true",
            description = "Measure the broker's ceiling first: PerfTest and a bare request/reply (env CEILING; default ${DEFAULT-VALUE}).")
    boolean ceiling;

    @Option(names = "--perftest-seconds", paramLabel = "N", defaultValue = "${env:PERFTEST_SECONDS:-" + BenchSettings.DEFAULT_PERFTEST_SECONDS + "}",
            description = "How long PerfTest runs (env PERFTEST_SECONDS; default ${DEFAULT-VALUE}).")
    int perfTestSeconds;

    @Option(names = "--rpc-round-trips", paramLabel = "N", defaultValue = "${env:RPC_ROUND_TRIPS:-" + BenchSettings.DEFAULT_RPC_ROUND_TRIPS + "}",
            description = "Round trips of the bare request/reply measure (env RPC_ROUND_TRIPS; default ${DEFAULT-VALUE}).")
    int rpcRoundTrips;

    @Option(names = "--perftest-classpath", paramLabel = "CP", defaultValue = "${env:PERFTEST_CLASSPATH:-}",
            description = "PerfTest's classpath; empty to have Maven resolve ops/perftest/pom.xml into target/perftest.classpath (env PERFTEST_CLASSPATH; default empty).")
    String perfTestClasspath;

    @Option(names = "--management-uri", paramLabel = "URI", defaultValue = "${env:MANAGEMENT_URI:-}",
            description = "RabbitMQ management API, for the run's own vhost and message counts; empty for http://<AMQP host>:15672 (env MANAGEMENT_URI; default empty).")
    String managementUri;

    @Option(names = "--own-vhost", negatable = true, defaultValue = "${env:OWN_VHOST:-true}", fallbackValue = "true",
            description = "Run in a vhost of its own, deleted after, so the broker's message counts are this run's alone (env OWN_VHOST; default ${DEFAULT-VALUE}).")
    boolean ownVhost;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "${env:BENCH_DIR:-target/bench}",
            description = "Where the generated tables, names, expected and resolved files go (env BENCH_DIR; default ${DEFAULT-VALUE}).")
    Path dir;

    private final PrintStream out;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (broker.amqp.size() != 1) {
            throw new IllegalArgumentException("bench measures one broker against its own ceiling: give one --amqp URI, got " + broker.amqp.size());
        }
        BenchSettings settings = new BenchSettings()
                .amqpUri(broker.amqp.get(0)).namespace(broker.namespace).managementUri(managementUri).ownVhost(ownVhost)
                .perfTestClasspath(perfTestClasspath).dir(dir)
                .groups(groups).namesPerGroup(names).queries(queries).missShare(misses).repeatShare(repeats).seed(seed)
                .consumers(consumers).tsWorkers(tsWorkers).rootServers(rootServers).processes(processes).rate(rate).warmUp(warmUp)
                .timeout(timeout).ceiling(ceiling).perfTestSeconds(perfTestSeconds).rpcRoundTrips(rpcRoundTrips);
        ClientSettings client = new ClientSettings().timeout(timeout).inflight(inflight).batch(batch);
        BenchReport.print(BenchRun.run(settings, client, out), out);
        return ExitCode.OK;
    }
}
