package io.dnsbroker.rs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.dnsbroker.dns.Name;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.protocol.RecordData;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * RS's cache of group answers, one entry per name and type, bounded in entries. Only answers the
 * groups gave are kept: NOERROR for the smallest TTL of its records, NXDOMAIN for the negative
 * TTL (RFC 2308). SERVFAIL and TIMEOUT are never cached: they say a group was down or slow, not
 * what the name holds, and caching them would hide a group's recovery. An entry outlives its TTL
 * by the serve-stale window, during which only {@link #stale} returns it (RFC 8767). Past that it
 * is dead: never returned, and pushed out by newer entries rather than removed on time, since a
 * timer per entry cost more than the lookups themselves at bulk rates; the bound on entries holds.
 */
final class AnswerCache {
    /** RFC 8767 4: a stale answer goes out with this TTL, so clients come back soon. */
    static final int STALE_TTL_SECONDS = 30;

    /** What the cache holds for a name and type; records carry the TTL left, or the stale TTL when {@code stale}. */
    record Hit(Status status, List<RecordData> records, boolean stale) {
    }

    /** A name's key and a type, hashed once: every lookup and every eviction hashes it again otherwise. */
    private static final class Key {
        private final String name;
        private final RecordType type;
        private final int hash;

        Key(String name, RecordType type) {
            this.name = name;
            this.type = type;
            this.hash = name.hashCode() * 31 + type.ordinal();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && hash == other.hash && type == other.type && name.equals(other.name);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Entry(Status status, List<RecordData> records, long storedAtNanos, long freshUntilNanos, long keepUntilNanos) {
    }

    private final boolean enabled;
    private final Duration negativeTtl;
    private final long serveStaleNanos;
    private final RsMetrics metrics;
    private final Ticker ticker;
    private final Cache<Key, Entry> entries;

    AnswerCache(RsSettings settings, RsMetrics metrics, Ticker ticker) {
        this.enabled = settings.cache();
        this.negativeTtl = settings.negativeTtl();
        this.serveStaleNanos = settings.serveStale().toNanos();
        this.metrics = metrics;
        this.ticker = ticker;
        this.entries = Caffeine.newBuilder()
                .maximumSize(enabled ? settings.cacheSize() : 0)
                // Evictions run on the thread that added, not handed to the common pool: at bulk
                // rates the hand-off (a wake-up per batch of writes) cost more than the eviction.
                .executor(Runnable::run)
                .build();
    }

    /** Keeps a group's answer; anything but NOERROR and NXDOMAIN, or a TTL of 0, is not kept. */
    void put(Name name, RecordType type, Status status, List<RecordData> records) {
        long ttlNanos;
        if (status == Status.NOERROR && !records.isEmpty()) {
            ttlNanos = TimeUnit.SECONDS.toNanos(records.stream().mapToInt(RecordData::ttl).min().orElseThrow());
        } else if (status == Status.NXDOMAIN) {
            ttlNanos = negativeTtl.toNanos();
        } else {
            return;
        }
        if (!enabled || ttlNanos <= 0) {
            return;
        }
        long now = ticker.read();
        entries.put(new Key(name.key(), type), new Entry(status, List.copyOf(records), now, now + ttlNanos, now + ttlNanos + serveStaleNanos));
    }

    /** The answer within its TTL, with the TTL left on its records; null on a miss. */
    Hit fresh(Name name, RecordType type) {
        if (!enabled) {
            return null;
        }
        Entry entry = entries.getIfPresent(new Key(name.key(), type));
        long now = ticker.read();
        if (entry == null || entry.freshUntilNanos() <= now) {
            metrics.cacheMiss();
            return null;
        }
        metrics.cacheHit();
        return fresh(entry, now);
    }

    private static Hit fresh(Entry entry, long now) {
        long elapsedSeconds = TimeUnit.NANOSECONDS.toSeconds(now - entry.storedAtNanos());
        List<RecordData> records = new ArrayList<>(entry.records().size());
        for (RecordData record : entry.records()) {
            records.add(withTtl(record, (int) Math.max(0, record.ttl() - elapsedSeconds)));
        }
        return new Hit(entry.status(), records, false);
    }

    /** The answer expired less than the serve-stale window ago, its records at the stale TTL; null when none. */
    Hit stale(Name name, RecordType type) {
        if (!enabled || serveStaleNanos <= 0) {
            return null;
        }
        Entry entry = entries.getIfPresent(new Key(name.key(), type));
        long now = ticker.read();
        if (entry == null || entry.keepUntilNanos() <= now) {
            return null;
        }
        if (entry.freshUntilNanos() > now) {
            // Refreshed since the caller's miss: fresh after all.
            return fresh(entry, now);
        }
        metrics.staleAnswer();
        List<RecordData> records = new ArrayList<>(entry.records().size());
        for (RecordData record : entry.records()) {
            records.add(withTtl(record, STALE_TTL_SECONDS));
        }
        return new Hit(entry.status(), records, true);
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private static RecordData withTtl(RecordData record, int ttl) {
        return new RecordData(record.name(), record.type(), record.data(), ttl);
    }
}
