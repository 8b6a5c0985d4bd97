package io.dnsbroker;

import io.dnsbroker.client.ClientSettings;
import io.dnsbroker.client.ResolverClient;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.dns.Table;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.rs.RsSettings;
import io.dnsbroker.testing.CountingRsMetrics;
import io.dnsbroker.testing.Deployment;
import io.dnsbroker.ts.TopLevelServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RS's answer cache over the real broker, with TTLs of seconds so the tests take seconds. Ages
 * are measured from when the first answer came back: the entry was stored before that, so it is
 * at least that old, and the margins leave room for a slow machine either way.
 */
class CacheIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LIVENESS = Duration.ofMillis(100);

    private static Answer resolve(ResolverClient client, String name) throws Exception {
        return client.resolve(name, RecordType.A).get();
    }

    /** Sleeps until {@code millis} after {@code startNanos}. */
    private static void sleepUntil(long startNanos, long millis) throws InterruptedException {
        long left = millis - (System.nanoTime() - startNanos) / 1_000_000;
        if (left > 0) {
            Thread.sleep(left);
        }
    }

    @Test
    void aCachedAnswerOutlivesItsWorkerUntilItsTtl() throws Exception {
        try (Deployment d = new Deployment("ts1")) {
            TopLevelServer ts1 = d.ts("ts1", Deployment.table("short.example.com 10.1.1.1 A 3"));
            CountingRsMetrics metrics = new CountingRsMetrics();
            d.rs(new RsSettings().livenessInterval(LIVENESS), metrics);
            ResolverClient client = d.client(new ClientSettings().timeout(TIMEOUT));
            assertEquals(Status.NOERROR, resolve(client, "short.example.com").status());
            long cached = System.nanoTime();
            ts1.close();
            sleepUntil(cached, 4 * LIVENESS.toMillis());
            Answer hit = resolve(client, "short.example.com");
            assertEquals(Status.NOERROR, hit.status(), "served from the cache with no worker left");
            assertFalse(hit.stale());
            assertEquals(1, metrics.cacheHits.get());
            sleepUntil(cached, 3_000 + 2 * LIVENESS.toMillis());
            assertEquals(Status.SERVFAIL, resolve(client, "short.example.com").status(), "not served past its TTL");
        }
    }

    @Test
    void staleAnswersAreServedWithinTheWindowAndNotBeyond() throws Exception {
        try (Deployment d = new Deployment("ts1")) {
            TopLevelServer ts1 = d.ts("ts1", Deployment.table("short.example.com 10.1.1.1 A 1"));
            CountingRsMetrics metrics = new CountingRsMetrics();
            d.rs(new RsSettings().livenessInterval(LIVENESS).serveStale(Duration.ofSeconds(3)), metrics);
            ResolverClient client = d.client(new ClientSettings().timeout(TIMEOUT));
            assertEquals(Status.NOERROR, resolve(client, "short.example.com").status());
            long cached = System.nanoTime();
            ts1.close();
            sleepUntil(cached, 1_300);
            Answer stale = resolve(client, "short.example.com");
            assertEquals(Status.NOERROR, stale.status(), "within the window");
            assertTrue(stale.stale(), "marked stale");
            assertEquals(30, stale.records().get(0).ttl(), "with the stale TTL of RFC 8767");
            assertEquals(1, metrics.stale.get());
            sleepUntil(cached, 4_300);
            assertEquals(Status.SERVFAIL, resolve(client, "short.example.com").status(), "beyond the window");
        }
    }

    @Test
    void failuresAreNotCachedSoARecoveredGroupAnswersAtOnce() throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            Table ts2Table = Deployment.table("www.princeton.edu 128.1.1.4");
            d.ts("ts1", Deployment.table("google.com 46.1.3.7"));
            CountingRsMetrics metrics = new CountingRsMetrics();
            d.rs(new RsSettings().livenessInterval(LIVENESS), metrics);
            ResolverClient client = d.client(new ClientSettings().timeout(TIMEOUT));
            assertEquals(Status.SERVFAIL, resolve(client, "www.princeton.edu").status(), "ts2 has no worker");
            d.ts("ts2", ts2Table);
            Thread.sleep(3 * LIVENESS.toMillis());
            assertEquals(Status.NOERROR, resolve(client, "www.princeton.edu").status(), "the SERVFAIL was not kept");
            assertEquals(0, metrics.cacheHits.get());
        }
    }
}
