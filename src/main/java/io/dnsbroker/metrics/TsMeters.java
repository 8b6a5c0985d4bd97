package io.dnsbroker.metrics;

import io.dnsbroker.ts.TsMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A TS worker's events as Prometheus meters, tagged with its group (one process may serve several):
 * {@code dnsbroker_ts_lookups_total{group,result="hit"|"miss"}},
 * {@code dnsbroker_ts_expired_queries_total{group}}, {@code dnsbroker_ts_malformed_messages_total{group}},
 * {@code dnsbroker_ts_table_reloads_total{group,result="accepted"|"refused"}}.
 */
public final class TsMeters implements TsMetrics {
    private final Counter hits;
    private final Counter misses;
    private final Counter expired;
    private final Counter malformed;
    private final Counter reloadsAccepted;
    private final Counter reloadsRefused;

    public TsMeters(MeterRegistry registry, String group) {
        this.hits = lookups(registry, group, "hit");
        this.misses = lookups(registry, group, "miss");
        this.expired = Counter.builder("dnsbroker.ts.expired.queries")
                .description("Queries past their deadline when taken: dropped unanswered, nobody waits for them")
                .tag("group", group).register(registry);
        this.malformed = Counter.builder("dnsbroker.ts.malformed.messages")
                .description("Messages the worker could not parse, rejected to the dead-letter queue")
                .tag("group", group).register(registry);
        this.reloadsAccepted = reloads(registry, group, "accepted");
        this.reloadsRefused = reloads(registry, group, "refused");
    }

    private static Counter reloads(MeterRegistry registry, String group, String result) {
        return Counter.builder("dnsbroker.ts.table.reloads")
                .description("Changed table files: accepted and serving, or refused (the old table serves on)")
                .tag("group", group).tag("result", result).register(registry);
    }

    private static Counter lookups(MeterRegistry registry, String group, String result) {
        return Counter.builder("dnsbroker.ts.lookups")
                .description("Table lookups: hit when the table holds the name and type, miss otherwise")
                .tag("group", group).tag("result", result).register(registry);
    }

    @Override
    public void lookup(boolean hit) {
        (hit ? hits : misses).increment();
    }

    @Override
    public void expired() {
        expired.increment();
    }

    @Override
    public void malformed() {
        malformed.increment();
    }

    // Joins TsMetrics together with table reloading (semantics branch); no @Override so that this
    // class compiles on either side of that merge.
    @Override
    public void tableReload(boolean accepted) {
        (accepted ? reloadsAccepted : reloadsRefused).increment();
    }
}
