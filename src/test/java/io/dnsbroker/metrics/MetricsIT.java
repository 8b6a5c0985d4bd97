package io.dnsbroker.metrics;

import io.dnsbroker.client.ClientSettings;
import io.dnsbroker.client.ResolverClient;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.dns.Table;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.rs.RootServer;
import io.dnsbroker.rs.RsSettings;
import io.dnsbroker.testing.Deployment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scrapes /metrics after a run and checks every counter against what the run did. */
class MetricsIT {
    private static final Table TS1 = Deployment.table("google.com 46.1.3.7", "www.ibm.com 64.42.23.245", "mail.ibm.com 64.42.23.9");
    private static final Table TS2 = Deployment.table("www.princeton.edu 128.1.1.4", "www.rutgers.edu 128.6.4.2");
    private static final List<String> NAMES = List.of("google.com", "www.ibm.com", "mail.ibm.com", "www.princeton.edu",
            "www.rutgers.edu", "nowhere.example", "nothing.example", "www.ibm.com", "also.not.here");
    private static final int TS1_HITS = 4;
    private static final int TS2_HITS = 2;

    @Test
    void countersAgreeWithTheRun() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0); Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", TS1, 1, new TsMeters(endpoint.registry(), "ts1"));
            d.ts("ts2", TS2, 1, new TsMeters(endpoint.registry(), "ts2"));
            RootServer rs = d.rs(new RsSettings().timeout(Duration.ofSeconds(5)), new RsMeters(endpoint.registry()));
            RsMeters.watchPending(endpoint.registry(), rs::pendingCount);
            ResolverClient client = d.client(new ClientSettings().timeout(Duration.ofSeconds(5)));

            List<CompletableFuture<Answer>> pending = new ArrayList<>();
            for (String name : NAMES) {
                pending.add(client.resolve(name, RecordType.A));
            }
            Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
            for (CompletableFuture<Answer> answer : pending) {
                byStatus.merge(answer.get().status(), 1, Integer::sum);
            }
            assertEquals(TS1_HITS + TS2_HITS, byStatus.get(Status.NOERROR), byStatus.toString());
            assertEquals(NAMES.size() - TS1_HITS - TS2_HITS, byStatus.get(Status.NXDOMAIN), byStatus.toString());

            // A group that lost the race to a positive answer may still be looking up: wait for it.
            Scrape scrape = awaitScrape(endpoint.port(), s -> s.sum("dnsbroker_ts_lookups_total") == 2.0 * NAMES.size());

            double received = scrape.sum("dnsbroker_rs_queries_received_total");
            assertEquals(NAMES.size(), received);
            assertEquals(received, scrape.sum("dnsbroker_rs_answers_total"), "queries = answers by status summed");
            for (Status status : Status.values()) {
                assertEquals((double) byStatus.getOrDefault(status, 0), scrape.sum("dnsbroker_rs_answers_total", "status", status.name()), status.name());
            }
            assertEquals(received, scrape.sum("dnsbroker_rs_latency_seconds_count"), "one latency sample per answer");
            assertEquals(received, scrape.sum("dnsbroker_rs_latency_seconds_bucket", "le", "+Inf"));
            assertEquals(0, scrape.sum("dnsbroker_rs_pending_queries"), "nothing stays pending once answered");
            assertEquals(0, scrape.sum("dnsbroker_rs_late_replies_total"));
            assertTrue(scrape.sum("dnsbroker_rs_redundant_replies_total") <= TS1_HITS + TS2_HITS,
                    "only a group's \"not here\" after a positive answer is redundant");
            assertEquals(TS1_HITS, scrape.sum("dnsbroker_ts_lookups_total", "group", "ts1", "result", "hit"));
            assertEquals(NAMES.size() - TS1_HITS, scrape.sum("dnsbroker_ts_lookups_total", "group", "ts1", "result", "miss"));
            assertEquals(TS2_HITS, scrape.sum("dnsbroker_ts_lookups_total", "group", "ts2", "result", "hit"));
            assertEquals(NAMES.size() - TS2_HITS, scrape.sum("dnsbroker_ts_lookups_total", "group", "ts2", "result", "miss"));
        }
    }

    private static Scrape awaitScrape(int port, java.util.function.Predicate<Scrape> done) throws Exception {
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Scrape scrape = Scrape.of(port);
        while (!done.test(scrape) && System.nanoTime() < giveUpAt) {
            Thread.sleep(50);
            scrape = Scrape.of(port);
        }
        return scrape;
    }
}
