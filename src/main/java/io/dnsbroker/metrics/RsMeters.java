package io.dnsbroker.metrics;

import io.dnsbroker.dns.Status;
import io.dnsbroker.rs.RsMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * RS events as Prometheus meters, every one counted per query:
 * {@code dnsbroker_rs_queries_received_total}, {@code dnsbroker_rs_answers_total{status}},
 * {@code dnsbroker_rs_latency_seconds} (histogram, receipt to answer, per status),
 * {@code dnsbroker_rs_late_replies_total}, {@code dnsbroker_rs_redundant_replies_total},
 * {@code dnsbroker_rs_expired_on_arrival_total}, {@code dnsbroker_rs_malformed_messages_total},
 * the cache's {@code dnsbroker_rs_cache_hits_total}, {@code dnsbroker_rs_cache_misses_total},
 * {@code dnsbroker_rs_stale_answers_total}, {@code dnsbroker_rs_cnames_followed_total}, and the
 * gauge {@code dnsbroker_rs_pending_queries}.
 */
public final class RsMeters implements RsMetrics {
    /** A dozen fixed buckets up to past the default 2 s timeout: readable, and cheap per status. */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final Counter received;
    private final Map<Status, Counter> answers = new EnumMap<>(Status.class);
    private final Map<Status, Timer> latency = new EnumMap<>(Status.class);
    private final Counter late;
    private final Counter redundant;
    private final Counter expiredOnArrival;
    private final Counter malformed;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter staleAnswers;
    private final Counter cnamesFollowed;

    public RsMeters(MeterRegistry registry) {
        this.received = Counter.builder("dnsbroker.rs.queries.received")
                .description("Client queries taken from the RS queue").register(registry);
        // Every status exists from the start, so a rate over it is 0 rather than absent.
        for (Status status : Status.values()) {
            answers.put(status, Counter.builder("dnsbroker.rs.answers")
                    .description("Answers sent to clients, by status (TIMEOUT: the deadline passed)")
                    .tag("status", status.name()).register(registry));
            latency.put(status, Timer.builder("dnsbroker.rs.latency")
                    .description("From RS taking a query to RS answering it")
                    .tag("status", status.name())
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry));
        }
        this.late = Counter.builder("dnsbroker.rs.late.replies")
                .description("TS answers that came after their query's deadline").register(registry);
        this.redundant = Counter.builder("dnsbroker.rs.redundant.replies")
                .description("TS answers for a query another group had answered already").register(registry);
        this.expiredOnArrival = Counter.builder("dnsbroker.rs.expired.on.arrival")
                .description("Queries past their deadline when RS took them: dropped, their client gave up").register(registry);
        this.malformed = Counter.builder("dnsbroker.rs.malformed.messages")
                .description("Messages RS could not parse, rejected to the dead-letter queue").register(registry);
        this.cacheHits = Counter.builder("dnsbroker.rs.cache.hits")
                .description("Lookups answered from the RS cache within their TTL").register(registry);
        this.cacheMisses = Counter.builder("dnsbroker.rs.cache.misses")
                .description("Lookups the RS cache could not answer, so the groups were asked").register(registry);
        this.staleAnswers = Counter.builder("dnsbroker.rs.stale.answers")
                .description("Expired cache entries served because no group could answer (serve-stale)").register(registry);
        this.cnamesFollowed = Counter.builder("dnsbroker.rs.cnames.followed")
                .description("CNAMEs followed to their target for a client query").register(registry);
    }

    /** Publishes the pending-table size of a started RS as {@code dnsbroker_rs_pending_queries}. */
    public static void watchPending(MeterRegistry registry, IntSupplier pending) {
        Gauge.builder("dnsbroker.rs.pending.queries", pending::getAsInt)
                .description("Queries fanned out and not answered yet").register(registry);
    }

    @Override
    public void received(int queries) {
        received.increment(queries);
    }

    @Override
    public void answered(Status status, long latencyNanos) {
        answers.get(status).increment();
        latency.get(status).record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void redundantReply() {
        redundant.increment();
    }

    @Override
    public void lateReply() {
        late.increment();
    }

    @Override
    public void expiredOnArrival() {
        expiredOnArrival.increment();
    }

    @Override
    public void malformed() {
        malformed.increment();
    }

    // The four cache events below join RsMetrics together with the RS cache (semantics branch); they
    // carry no @Override so that this class compiles on either side of that merge.

    @Override
    public void cacheHit() {
        cacheHits.increment();
    }

    @Override
    public void cacheMiss() {
        cacheMisses.increment();
    }

    @Override
    public void staleAnswer() {
        staleAnswers.increment();
    }

    @Override
    public void cnameFollowed() {
        cnamesFollowed.increment();
    }
}
