package io.dnsbroker.rs;

import java.time.Duration;
import java.util.List;

/** What a root server needs to know, set fluently. */
public final class RsSettings {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_PREFETCH = 200;
    public static final Duration DEFAULT_LIVENESS_INTERVAL = Duration.ofMillis(500);
    public static final long DEFAULT_CACHE_SIZE = 100_000;
    public static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofSeconds(60);

    private List<String> groups = List.of("ts1", "ts2");
    private Duration timeout = DEFAULT_TIMEOUT;
    private int prefetch = DEFAULT_PREFETCH;
    private Duration livenessInterval = DEFAULT_LIVENESS_INTERVAL;
    private boolean cache = true;
    private long cacheSize = DEFAULT_CACHE_SIZE;
    private Duration negativeTtl = DEFAULT_NEGATIVE_TTL;
    private Duration serveStale = Duration.ZERO;

    public List<String> groups() {
        return groups;
    }

    public RsSettings groups(List<String> groups) {
        if (groups.isEmpty() || groups.size() > 30) {
            throw new IllegalArgumentException("RS needs 1 to 30 TS groups, got " + groups.size());
        }
        if (groups.stream().distinct().count() != groups.size()) {
            throw new IllegalArgumentException("a TS group is named twice in " + groups);
        }
        this.groups = List.copyOf(groups);
        return this;
    }

    public Duration timeout() {
        return timeout;
    }

    public RsSettings timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    public int prefetch() {
        return prefetch;
    }

    public RsSettings prefetch(int prefetch) {
        this.prefetch = prefetch;
        return this;
    }

    public Duration livenessInterval() {
        return livenessInterval;
    }

    public RsSettings livenessInterval(Duration interval) {
        this.livenessInterval = interval;
        return this;
    }

    public boolean cache() {
        return cache;
    }

    /** Whether RS keeps answers; off, every query goes to the groups. */
    public RsSettings cache(boolean cache) {
        this.cache = cache;
        return this;
    }

    public long cacheSize() {
        return cacheSize;
    }

    /** Most answers kept (one per name and type); the least used go first. */
    public RsSettings cacheSize(long entries) {
        if (entries < 1) {
            throw new IllegalArgumentException("the cache size must be at least 1 entry, got " + entries + " (use --no-cache to turn it off)");
        }
        this.cacheSize = entries;
        return this;
    }

    public Duration negativeTtl() {
        return negativeTtl;
    }

    /** How long a HOST NOT FOUND is kept; zero keeps none. */
    public RsSettings negativeTtl(Duration ttl) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("the negative TTL cannot be negative, got " + ttl);
        }
        this.negativeTtl = ttl;
        return this;
    }

    public Duration serveStale() {
        return serveStale;
    }

    /** How long past its TTL an answer may still be served when no group can answer; zero serves none. */
    public RsSettings serveStale(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("the serve-stale window cannot be negative, got " + window);
        }
        this.serveStale = window;
        return this;
    }
}
