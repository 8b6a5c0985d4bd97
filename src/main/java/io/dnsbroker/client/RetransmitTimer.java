package io.dnsbroker.client;

import java.util.concurrent.TimeUnit;

/**
 * How long to wait for an answer before sending a query again: TCP's adaptive retransmission
 * timeout (RFC 6298), the smoothed round trip plus four times its variation, doubled on each
 * retry. A fixed share of the deadline would fire on nearly every query of a bulk run, whose
 * answers wait in queues far longer than a lone query's, and double the load when the system is
 * busiest; an estimate that follows the round trip fires only on queries that are really late.
 */
final class RetransmitTimer {
    static final long MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    static final long INITIAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(60);

    private volatile double smoothed = -1;
    private double variation;
    private volatile long timeoutNanos = INITIAL_NANOS;

    /** A round trip of a query answered on its first send (Karn: a retried query's is ambiguous). */
    synchronized void sample(long roundTripNanos) {
        if (smoothed < 0) {
            smoothed = roundTripNanos;
            variation = roundTripNanos / 2.0;
        } else {
            variation = 0.75 * variation + 0.25 * Math.abs(smoothed - roundTripNanos);
            smoothed = 0.875 * smoothed + 0.125 * roundTripNanos;
        }
        timeoutNanos = Math.min(MAX_NANOS, Math.max(MIN_NANOS, (long) (smoothed + 4 * variation)));
    }

    /**
     * How much later than another a query may be answered and still count as merely reordered.
     * RFC 8985 allows a quarter of the round trip; here a whole one, because groups answer at
     * their own pace: a slow group's queries are overtaken by a fast group's as a matter of course.
     */
    long reorderWindowNanos() {
        return Math.max(MIN_NANOS, (long) Math.max(smoothed, 0));
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** The wait after the {@code send}-th send (1 for the first): the timeout doubled per retry. */
    long timeoutNanos(int send) {
        return Math.min(MAX_NANOS, timeoutNanos << Math.min(Math.max(send - 1, 0), 16));
    }
}
