package io.dnsbroker.client;

import io.dnsbroker.dns.Status;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** How a run of many names went: answers by status and the time it took. */
public final class ResolveSummary {
    private final Map<Status, Long> byStatus = new EnumMap<>(Status.class);
    private long nanos;

    void count(Status status) {
        byStatus.merge(status, 1L, Long::sum);
    }

    void finish(long elapsedNanos) {
        this.nanos = elapsedNanos;
    }

    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    public long get(Status status) {
        return byStatus.getOrDefault(status, 0L);
    }

    public double seconds() {
        return nanos / 1e9;
    }

    @Override
    public String toString() {
        String statuses = byStatus.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return String.format("resolved %d names in %.2f s (%.0f names/s): %s",
                total(), seconds(), seconds() > 0 ? total() / seconds() : 0.0, statuses.isEmpty() ? "nothing" : statuses);
    }
}
