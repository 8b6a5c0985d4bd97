package io.dnsbroker.metrics;

import io.dnsbroker.dns.Status;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsEndpointTest {
    @Test
    void servesRsAndTsEventsUnderTheirPrometheusNames() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0)) {
            RsMeters rs = new RsMeters(endpoint.registry());
            TsMeters ts = new TsMeters(endpoint.registry(), "ts1");
            RsMeters.watchPending(endpoint.registry(), () -> 7);
            rs.received(3);
            rs.answered(Status.NOERROR, TimeUnit.MILLISECONDS.toNanos(4));
            rs.answered(Status.TIMEOUT, TimeUnit.SECONDS.toNanos(2));
            rs.lateReply();
            rs.redundantReply();
            rs.malformed();
            ts.lookup(true);
            ts.lookup(false);
            ts.lookup(false);
            ts.expired();
            ts.tableReload(false);
            rs.cacheHit();
            rs.cacheHit();
            rs.cacheMiss();

            Scrape scrape = Scrape.of(endpoint.port());
            assertTrue(scrape.contentType().startsWith("text/plain"), scrape.contentType());
            assertEquals(3, scrape.sum("dnsbroker_rs_queries_received_total"));
            assertEquals(1, scrape.sum("dnsbroker_rs_answers_total", "status", "NOERROR"));
            assertEquals(1, scrape.sum("dnsbroker_rs_answers_total", "status", "TIMEOUT"));
            assertEquals(0, scrape.sum("dnsbroker_rs_answers_total", "status", "NXDOMAIN"), "every status is there from the start");
            assertEquals(2, scrape.sum("dnsbroker_rs_latency_seconds_count"));
            assertEquals(2.004, scrape.sum("dnsbroker_rs_latency_seconds_sum"), 1e-9);
            assertEquals(1, scrape.sum("dnsbroker_rs_latency_seconds_bucket", "status", "TIMEOUT", "le", "+Inf"));
            assertEquals(0, scrape.sum("dnsbroker_rs_latency_seconds_bucket", "status", "TIMEOUT", "le", "1.0"));
            assertEquals(1, scrape.sum("dnsbroker_rs_latency_seconds_bucket", "status", "TIMEOUT", "le", "2.0"));
            assertEquals(1, scrape.sum("dnsbroker_rs_latency_seconds_bucket", "status", "NOERROR", "le", "0.005"));
            assertEquals(1, scrape.sum("dnsbroker_rs_late_replies_total"));
            assertEquals(1, scrape.sum("dnsbroker_rs_redundant_replies_total"));
            assertEquals(1, scrape.sum("dnsbroker_rs_malformed_messages_total"));
            assertEquals(7, scrape.sum("dnsbroker_rs_pending_queries"));
            assertEquals(1, scrape.sum("dnsbroker_ts_lookups_total", "group", "ts1", "result", "hit"));
            assertEquals(2, scrape.sum("dnsbroker_ts_lookups_total", "group", "ts1", "result", "miss"));
            assertEquals(1, scrape.sum("dnsbroker_ts_expired_queries_total", "group", "ts1"));
            assertEquals(1, scrape.sum("dnsbroker_ts_table_reloads_total", "group", "ts1", "result", "refused"));
            assertEquals(0, scrape.sum("dnsbroker_ts_table_reloads_total", "group", "ts1", "result", "accepted"));
            assertEquals(2, scrape.sum("dnsbroker_rs_cache_hits_total"));
            assertEquals(1, scrape.sum("dnsbroker_rs_cache_misses_total"));
            assertEquals(0, scrape.sum("dnsbroker_rs_stale_answers_total"));
            assertTrue(scrape.has("jvm_memory_used_bytes"), "the JVM's own meters come along");
        }
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            IOException e = assertThrows(IOException.class, () -> MetricsEndpoint.start(taken.getLocalPort()));
            assertTrue(e.getMessage().contains("cannot serve metrics on port " + taken.getLocalPort()), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> MetricsEndpoint.start(70_000));
    }
}
