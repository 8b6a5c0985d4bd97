package io.dnsbroker.gateway;

import org.xbill.DNS.Rcode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Gateway metrics kept in memory: responses by transport and rcode, a latency histogram with
 * fixed bounds, shed, malformed and truncated counts. The gateway logs them when it stops.
 */
public final class GatewayStats implements GatewayMetrics {
    /** Upper bounds of the latency buckets in milliseconds; the last bucket takes the rest. */
    static final long[] BUCKET_MILLIS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000};

    private final Map<String, LongAdder> answered = new ConcurrentHashMap<>();
    private final LongAdder[] latency = new LongAdder[BUCKET_MILLIS.length + 1];
    private final LongAdder shed = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder truncated = new LongAdder();

    public GatewayStats() {
        for (int i = 0; i < latency.length; i++) {
            latency[i] = new LongAdder();
        }
    }

    @Override
    public void answered(Transport transport, int rcode, long latencyNanos) {
        answered.computeIfAbsent(key(transport, rcode), k -> new LongAdder()).increment();
        long millis = latencyNanos / 1_000_000;
        int bucket = 0;
        while (bucket < BUCKET_MILLIS.length && millis >= BUCKET_MILLIS[bucket]) {
            bucket++;
        }
        latency[bucket].increment();
    }

    @Override
    public void shed(Transport transport) {
        shed.increment();
    }

    @Override
    public void malformed(Transport transport) {
        malformed.increment();
    }

    @Override
    public void truncated() {
        truncated.increment();
    }

    private static String key(Transport transport, int rcode) {
        return transport + " " + Rcode.string(rcode);
    }

    /** Responses sent over a transport with an rcode, like {@code answered(UDP, Rcode.NXDOMAIN)}. */
    public long answered(Transport transport, int rcode) {
        LongAdder count = answered.get(key(transport, rcode));
        return count == null ? 0 : count.sum();
    }

    public long answeredTotal() {
        return answered.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long shedCount() {
        return shed.sum();
    }

    public long malformedCount() {
        return malformed.sum();
    }

    public long truncatedCount() {
        return truncated.sum();
    }

    /** Counts of responses by latency bucket; index i counts those under {@code BUCKET_MILLIS[i]} ms. */
    long[] histogram() {
        long[] counts = new long[latency.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = latency[i].sum();
        }
        return counts;
    }

    @Override
    public String toString() {
        String byRcode = answered.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue().sum()).collect(Collectors.joining(", "));
        StringBuilder histogram = new StringBuilder();
        long[] counts = histogram();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                String bound = i < BUCKET_MILLIS.length ? "<" + BUCKET_MILLIS[i] + "ms" : ">=" + BUCKET_MILLIS[i - 1] + "ms";
                histogram.append(histogram.length() == 0 ? "" : ", ").append(bound).append(' ').append(counts[i]);
            }
        }
        return String.format("answered %d (%s); latency %s; shed %d, malformed %d, truncated %d",
                answeredTotal(), byRcode.isEmpty() ? "none" : byRcode, histogram.length() == 0 ? "none" : histogram,
                shedCount(), malformedCount(), truncatedCount());
    }
}
