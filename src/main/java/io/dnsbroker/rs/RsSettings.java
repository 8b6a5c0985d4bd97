package io.dnsbroker.rs;

import java.time.Duration;
import java.util.List;

/** What a root server needs to know, set fluently. */
public final class RsSettings {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_PREFETCH = 200;
    public static final Duration DEFAULT_LIVENESS_INTERVAL = Duration.ofMillis(500);

    private List<String> groups = List.of("ts1", "ts2");
    private Duration timeout = DEFAULT_TIMEOUT;
    private int prefetch = DEFAULT_PREFETCH;
    private Duration livenessInterval = DEFAULT_LIVENESS_INTERVAL;

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
}
