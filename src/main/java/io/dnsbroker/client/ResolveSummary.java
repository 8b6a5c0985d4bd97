package io.dnsbroker.client;

import io.dnsbroker.dns.Status;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a run of many names went: answers by status and the time it took. Counted by one writer thread. */
public final class ResolveSummary {
    private final long[] byStatus = new long[Status.values().length];
    private long total;
    private long nanos;

    void count(Status status) {
        byStatus[status.ordinal()]++;
        total++;
    }

    void finish(long elapsedNanos) {
        this.nanos = elapsedNanos;
    }

    public long total() {
        return total;
    }

    public long get(Status status) {
        return byStatus[status.ordinal()];
    }

    public double seconds() {
        return nanos / 1e9;
    }

    @Override
    public String toString() {
        String statuses = Arrays.stream(Status.values())
                .filter(status -> get(status) > 0)
                .map(status -> status + " " + get(status))
                .collect(Collectors.joining(", "));
        return String.format("resolved %d names in %.2f s (%.0f names/s): %s",
                total(), seconds(), seconds() > 0 ? total() / seconds() : 0.0, statuses.isEmpty() ? "nothing" : statuses);
    }
}
