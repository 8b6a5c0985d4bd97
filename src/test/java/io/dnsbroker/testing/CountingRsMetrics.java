package io.dnsbroker.testing;

import io.dnsbroker.dns.Status;
import io.dnsbroker.rs.RsMetrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** RS metrics kept in counters a test can read. */
public final class CountingRsMetrics implements RsMetrics {
    public final AtomicLong received = new AtomicLong();
    public final AtomicLong late = new AtomicLong();
    public final AtomicLong redundant = new AtomicLong();
    public final AtomicLong malformed = new AtomicLong();
    public final AtomicLong cacheHits = new AtomicLong();
    public final AtomicLong cacheMisses = new AtomicLong();
    public final AtomicLong stale = new AtomicLong();
    public final AtomicLong cnamesFollowed = new AtomicLong();
    public final Map<Status, AtomicLong> answered = new ConcurrentHashMap<>();

    @Override
    public void received(int queries) {
        received.addAndGet(queries);
    }

    @Override
    public void answered(Status status, long latencyNanos) {
        answered.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void lateReply() {
        late.incrementAndGet();
    }

    @Override
    public void redundantReply() {
        redundant.incrementAndGet();
    }

    @Override
    public void malformed() {
        malformed.incrementAndGet();
    }

    @Override
    public void cacheHit() {
        cacheHits.incrementAndGet();
    }

    @Override
    public void cacheMiss() {
        cacheMisses.incrementAndGet();
    }

    @Override
    public void staleAnswer() {
        stale.incrementAndGet();
    }

    @Override
    public void cnameFollowed() {
        cnamesFollowed.incrementAndGet();
    }

    public long answeredTotal() {
        return answered.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
