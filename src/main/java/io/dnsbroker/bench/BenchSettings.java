package io.dnsbroker.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What one bench run does, set fluently; every setter checks its value. */
public final class BenchSettings {
    public static final int DEFAULT_NAMES_PER_GROUP = 100_000;
    public static final long DEFAULT_QUERIES = 200_000;
    public static final double DEFAULT_MISS_SHARE = 0.10;
    public static final long DEFAULT_WARM_UP = 200_000;
    /** The warm-up repeats until the JIT compilers take under this share of the bench JVM's CPU in a round. */
    public static final int SETTLED_JIT_PERCENT = 5;
    /** Warm-up rounds at most, settled or not. */
    public static final int MAX_WARM_UP_ROUNDS = 6;
    public static final int DEFAULT_PERFTEST_SECONDS = 10;
    public static final int DEFAULT_RPC_ROUND_TRIPS = 5_000;

    private String amqpUri = io.dnsbroker.broker.Connections.DEFAULT_URI;
    private String namespace = io.dnsbroker.broker.Topology.DEFAULT_NAMESPACE;
    private String managementUri = "";
    private boolean ownVhost = true;
    private String perfTestClasspath = "";
    private Path dir = Path.of("target", "bench");
    private List<String> groups = List.of("ts1", "ts2");
    private int namesPerGroup = DEFAULT_NAMES_PER_GROUP;
    private long queries = DEFAULT_QUERIES;
    private double missShare = DEFAULT_MISS_SHARE;
    private double repeatShare;
    private long seed = 1;
    private int consumers = 1;
    private int tsWorkers = 1;
    private int rootServers = 1;
    private boolean processes;
    private long warmUp = DEFAULT_WARM_UP;
    private double rate;
    private Duration timeout = Duration.ofSeconds(2);
    private boolean ceiling = true;
    private int perfTestSeconds = DEFAULT_PERFTEST_SECONDS;
    private int rpcRoundTrips = DEFAULT_RPC_ROUND_TRIPS;

    public String amqpUri() {
        return amqpUri;
    }

    public BenchSettings amqpUri(String uri) {
        this.amqpUri = uri;
        return this;
    }

    public String namespace() {
        return namespace;
    }

    public BenchSettings namespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    /** The management API's base URI; blank for port 15672 of the AMQP host. */
    public String managementUri() {
        return managementUri;
    }

    public BenchSettings managementUri(String uri) {
        this.managementUri = uri;
        return this;
    }

    /** Whether the run takes a virtual host of its own, so its message counts are its alone. */
    public boolean ownVhost() {
        return ownVhost;
    }

    public BenchSettings ownVhost(boolean ownVhost) {
        this.ownVhost = ownVhost;
        return this;
    }

    /** PerfTest's classpath; blank to let Maven resolve it. */
    public String perfTestClasspath() {
        return perfTestClasspath;
    }

    public BenchSettings perfTestClasspath(String classpath) {
        this.perfTestClasspath = classpath;
        return this;
    }

    /** Where the generated tables, names, expected and resolved files go. */
    public Path dir() {
        return dir;
    }

    public BenchSettings dir(Path dir) {
        this.dir = dir;
        return this;
    }

    public List<String> groups() {
        return groups;
    }

    public BenchSettings groups(List<String> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("the bench needs at least one TS group");
        }
        this.groups = List.copyOf(groups);
        return this;
    }

    public int namesPerGroup() {
        return namesPerGroup;
    }

    public BenchSettings namesPerGroup(int names) {
        if (names < 1 || names > 1 << 24) {
            throw new IllegalArgumentException("names per group must be 1 to 16777216, got " + names);
        }
        this.namesPerGroup = names;
        return this;
    }

    public long queries() {
        return queries;
    }

    public BenchSettings queries(long queries) {
        if (queries < 1) {
            throw new IllegalArgumentException("the bench needs at least one query, got " + queries);
        }
        this.queries = queries;
        return this;
    }

    public double missShare() {
        return missShare;
    }

    public BenchSettings missShare(double share) {
        this.missShare = share("miss share", share);
        return this;
    }

    public double repeatShare() {
        return repeatShare;
    }

    public BenchSettings repeatShare(double share) {
        this.repeatShare = share("repeat share", share);
        return this;
    }

    public long seed() {
        return seed;
    }

    public BenchSettings seed(long seed) {
        this.seed = seed;
        return this;
    }

    public int consumers() {
        return consumers;
    }

    public BenchSettings consumers(int consumers) {
        this.consumers = atLeastOne("TS consumers", consumers);
        return this;
    }

    public int tsWorkers() {
        return tsWorkers;
    }

    public BenchSettings tsWorkers(int workers) {
        this.tsWorkers = atLeastOne("TS workers per group", workers);
        return this;
    }

    public int rootServers() {
        return rootServers;
    }

    public BenchSettings rootServers(int count) {
        this.rootServers = atLeastOne("root servers", count);
        return this;
    }

    public boolean processes() {
        return processes;
    }

    public BenchSettings processes(boolean processes) {
        this.processes = processes;
        return this;
    }

    /** Names resolved before the measured run, unmeasured, to warm the JVMs up. */
    public long warmUp() {
        return warmUp;
    }

    public BenchSettings warmUp(long names) {
        if (names < 0) {
            throw new IllegalArgumentException("the warm-up must be 0 or more names, got " + names);
        }
        this.warmUp = names;
        return this;
    }

    /** Queries per second the load client offers; 0 for as fast as the window allows. */
    public double rate() {
        return rate;
    }

    public BenchSettings rate(double rate) {
        if (rate < 0) {
            throw new IllegalArgumentException("the rate must be 0 (unlimited) or positive, got " + rate);
        }
        this.rate = rate;
        return this;
    }

    public Duration timeout() {
        return timeout;
    }

    public BenchSettings timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public boolean ceiling() {
        return ceiling;
    }

    public BenchSettings ceiling(boolean ceiling) {
        this.ceiling = ceiling;
        return this;
    }

    public int perfTestSeconds() {
        return perfTestSeconds;
    }

    public BenchSettings perfTestSeconds(int seconds) {
        this.perfTestSeconds = atLeastOne("PerfTest seconds", seconds);
        return this;
    }

    public int rpcRoundTrips() {
        return rpcRoundTrips;
    }

    public BenchSettings rpcRoundTrips(int roundTrips) {
        this.rpcRoundTrips = atLeastOne("bare RPC round trips", roundTrips);
        return this;
    }

    private static double share(String what, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("the " + what + " must be between 0 and 1, got " + share);
        }
        return share;
    }

    private static int atLeastOne(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
        return value;
    }
}
