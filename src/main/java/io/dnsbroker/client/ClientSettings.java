package io.dnsbroker.client;

import java.time.Duration;

/** What a resolver client needs to know, set fluently. */
public final class ClientSettings {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** How long past a query's deadline the client waits for RS's own verdict before writing TIMED OUT itself. */
    public static final Duration DEFAULT_GRACE = Duration.ofMillis(500);
    /** Twenty batches in flight: enough to keep RS and both groups busy while answers come back. */
    public static final int DEFAULT_INFLIGHT = 10_000;
    /**
     * Chosen by the benchmark (ops/BENCHMARKS.md): at 500 queries a message the broker's cost per
     * name is a fifth of what it is at 100, and past 500 names/s hardly move; a message stays near
     * 40 KB, some fifty of them within the RS queue's bound. A lone query still goes out alone.
     */
    public static final int DEFAULT_BATCH = 500;
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(1);
    /** Sends after the first before TIMED OUT, as resolv.conf's {@code attempts} less one. */
    public static final int DEFAULT_RETRIES = 2;
    public static final int MAX_RETRIES = 10;

    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration grace = DEFAULT_GRACE;
    private int inflight = DEFAULT_INFLIGHT;
    private int batch = DEFAULT_BATCH;
    private Duration linger = DEFAULT_LINGER;
    private int retries = DEFAULT_RETRIES;

    public Duration timeout() {
        return timeout;
    }

    public ClientSettings timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    public Duration grace() {
        return grace;
    }

    public ClientSettings grace(Duration grace) {
        this.grace = grace;
        return this;
    }

    public int inflight() {
        return inflight;
    }

    public ClientSettings inflight(int inflight) {
        if (inflight < 1) {
            throw new IllegalArgumentException("inflight must be at least 1, got " + inflight);
        }
        this.inflight = inflight;
        return this;
    }

    public int batch() {
        return batch;
    }

    public ClientSettings batch(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        this.batch = batch;
        return this;
    }

    public Duration linger() {
        return linger;
    }

    public ClientSettings linger(Duration linger) {
        this.linger = linger;
        return this;
    }

    public int retries() {
        return retries;
    }

    public ClientSettings retries(int retries) {
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("retries must be 0 to " + MAX_RETRIES + ", got " + retries);
        }
        this.retries = retries;
        return this;
    }
}
