package io.dnsbroker.rs;

import io.dnsbroker.dns.InvalidNameException;
import io.dnsbroker.dns.Name;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.protocol.RecordData;
import io.dnsbroker.testing.CountingRsMetrics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache on a hand-driven clock: what is kept, for how long, and what it reports. */
class AnswerCacheTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final CountingRsMetrics metrics = new CountingRsMetrics();

    private AnswerCache cache(RsSettings settings) {
        return new AnswerCache(settings, metrics, clock::get);
    }

    private void advance(int seconds) {
        clock.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    static Name name(String text) {
        try {
            return Name.parse(text);
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static RecordData a(String name, String address, int ttl) {
        return new RecordData(name, "A", address, ttl);
    }

    @Test
    void aPositiveAnswerLivesForItsSmallestTtlAndCountsDown() {
        AnswerCache cache = cache(new RsSettings());
        cache.put(name("www.x.com"), RecordType.A, Status.NOERROR, List.of(a("www.x.com", "1.1.1.1", 10), a("www.x.com", "2.2.2.2", 30)));
        advance(4);
        AnswerCache.Hit hit = cache.fresh(name("WWW.X.com."), RecordType.A);
        assertNotNull(hit, "names match case-insensitively");
        assertEquals(List.of(6, 26), hit.records().stream().map(RecordData::ttl).toList(), "each record shows the TTL it has left");
        assertNull(cache.fresh(name("www.x.com"), RecordType.AAAA), "types are cached apart");
        advance(6);
        assertNull(cache.fresh(name("www.x.com"), RecordType.A), "gone at the smallest TTL");
        assertEquals(1, metrics.cacheHits.get());
        assertEquals(2, metrics.cacheMisses.get());
    }

    @Test
    void aNegativeAnswerLivesForTheNegativeTtl() {
        AnswerCache cache = cache(new RsSettings().negativeTtl(Duration.ofSeconds(5)));
        cache.put(name("no.x.com"), RecordType.A, Status.NXDOMAIN, List.of());
        advance(4);
        assertEquals(Status.NXDOMAIN, cache.fresh(name("no.x.com"), RecordType.A).status());
        advance(1);
        assertNull(cache.fresh(name("no.x.com"), RecordType.A));
    }

    @Test
    void failuresAndZeroTtlsAreNeverKept() {
        AnswerCache cache = cache(new RsSettings().negativeTtl(Duration.ZERO));
        cache.put(name("a.x.com"), RecordType.A, Status.SERVFAIL, List.of());
        cache.put(name("b.x.com"), RecordType.A, Status.TIMEOUT, List.of());
        cache.put(name("c.x.com"), RecordType.A, Status.NOERROR, List.of(a("c.x.com", "1.1.1.1", 0)));
        cache.put(name("d.x.com"), RecordType.A, Status.NXDOMAIN, List.of());
        for (String n : List.of("a.x.com", "b.x.com", "c.x.com", "d.x.com")) {
            assertNull(cache.fresh(name(n), RecordType.A), n);
        }
        assertEquals(0, cache.size());
    }

    @Test
    void staleAnswersComeOnlyWithinTheWindowAndWithTheStaleTtl() {
        AnswerCache cache = cache(new RsSettings().serveStale(Duration.ofSeconds(20)));
        cache.put(name("www.x.com"), RecordType.A, Status.NOERROR, List.of(a("www.x.com", "1.1.1.1", 10)));
        AnswerCache.Hit stillFresh = cache.stale(name("www.x.com"), RecordType.A);
        assertFalse(stillFresh.stale(), "an entry within its TTL is not stale");
        advance(25);
        assertNull(cache.fresh(name("www.x.com"), RecordType.A));
        AnswerCache.Hit stale = cache.stale(name("www.x.com"), RecordType.A);
        assertTrue(stale.stale());
        assertEquals(AnswerCache.STALE_TTL_SECONDS, stale.records().get(0).ttl());
        assertEquals(1, metrics.stale.get());
        advance(5);
        assertNull(cache.stale(name("www.x.com"), RecordType.A), "beyond TTL plus the window");
    }

    @Test
    void withoutServeStaleNothingExpiredIsServed() {
        AnswerCache cache = cache(new RsSettings());
        cache.put(name("www.x.com"), RecordType.A, Status.NOERROR, List.of(a("www.x.com", "1.1.1.1", 10)));
        advance(11);
        assertNull(cache.stale(name("www.x.com"), RecordType.A));
    }

    @Test
    void aDisabledCacheKeepsNothingAndCountsNothing() {
        AnswerCache cache = cache(new RsSettings().cache(false).serveStale(Duration.ofSeconds(20)));
        cache.put(name("www.x.com"), RecordType.A, Status.NOERROR, List.of(a("www.x.com", "1.1.1.1", 10)));
        assertNull(cache.fresh(name("www.x.com"), RecordType.A));
        assertNull(cache.stale(name("www.x.com"), RecordType.A));
        assertEquals(0, metrics.cacheHits.get() + metrics.cacheMisses.get());
    }

    @Test
    void theCacheIsBoundedInEntries() {
        AnswerCache cache = cache(new RsSettings().cacheSize(100));
        for (int i = 0; i < 1_000; i++) {
            cache.put(name("n" + i + ".x.com"), RecordType.A, Status.NOERROR, List.of(a("n" + i + ".x.com", "1.1.1.1", 300)));
        }
        assertTrue(cache.size() <= 100, "holds " + cache.size());
    }
}
