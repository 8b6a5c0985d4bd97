package io.dnsbroker;

import io.dnsbroker.cli.Main;
import io.dnsbroker.client.AnswerLine;
import io.dnsbroker.client.ClientSettings;
import io.dnsbroker.client.ResolverClient;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.dns.Table;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.RecordData;
import io.dnsbroker.rs.RootServer;
import io.dnsbroker.rs.RsSettings;
import io.dnsbroker.testing.CountingRsMetrics;
import io.dnsbroker.testing.Deployment;
import io.dnsbroker.testing.TestBroker;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Record types, round-robin and CNAME chasing end to end over the real broker. */
class SemanticsIT {
    private static final Table TS1 = Deployment.table(
            "example.com 10 mail.example.com MX",
            "example.com 20 mail2.example.com MX",
            "v6.example.com 2001:db8::1 AAAA",
            "pool.example.com 10.0.0.1",
            "pool.example.com 10.0.0.2",
            "pool.example.com 10.0.0.3",
            "www.example.com web.example.net CNAME",
            "a.loop.test b.loop.test CNAME");
    private static final Table TS2 = Deployment.table(
            "web.example.net 93.184.216.34 A 60",
            "b.loop.test a.loop.test CNAME");
    /** Generous: these tests assert answers, not speed, and share a loaded machine. A hang would show as TIMEOUT. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static Deployment deployment() throws Exception {
        Deployment d = new Deployment("ts1", "ts2");
        d.ts("ts1", TS1);
        d.ts("ts2", TS2);
        return d;
    }

    private static List<String> records(Answer answer) {
        return answer.records().stream().map(r -> r.name() + " " + r.type() + " " + r.data()).toList();
    }

    @Test
    void mxAndAaaaAnswers() throws Exception {
        try (Deployment d = deployment()) {
            d.rs();
            ResolverClient client = d.client(new ClientSettings().timeout(TIMEOUT));
            Answer mx = client.resolve("EXAMPLE.com", RecordType.MX).get();
            assertEquals(Status.NOERROR, mx.status());
            assertEquals(List.of("example.com MX 10 mail.example.com", "example.com MX 20 mail2.example.com"),
                    records(mx).stream().sorted().toList());
            Answer aaaa = client.resolve("v6.example.com", RecordType.AAAA).get();
            assertEquals(List.of("v6.example.com AAAA 2001:db8::1"), records(aaaa));
            assertEquals(Status.NXDOMAIN, client.resolve("v6.example.com", RecordType.A).get().status(), "no A for an AAAA-only name");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = Main.run(new String[]{"client", "--amqp", TestBroker.uri(), "--namespace", d.namespace(), "--type", "mx",
                    "example.com"}, new PrintStream(out), new PrintStream(err));
            assertEquals(0, exit, err.toString());
            String dig = out.toString();
            assertTrue(dig.startsWith(";; QUESTION: example.com. IN MX\n;; STATUS: NOERROR, 2 records\n"), dig);
            assertTrue(dig.contains("\tIN\tMX\t20 mail2.example.com.\n"), dig);
        }
    }

    @Test
    void threeAddressesRotateAcrossSixQueries() throws Exception {
        try (Deployment d = deployment()) {
            d.rs();
            ResolverClient client = d.client(new ClientSettings().timeout(TIMEOUT));
            Map<String, Integer> firsts = new HashMap<>();
            for (int i = 0; i < 6; i++) {
                Answer answer = client.resolve("pool.example.com", RecordType.A).get();
                assertEquals(3, answer.records().size(), "every address in every answer");
                String line = AnswerLine.format("pool.example.com", answer);
                assertEquals("pool.example.com " + answer.records().get(0).data() + " A IN", line, "the file line shows the first");
                firsts.merge(answer.records().get(0).data(), 1, Integer::sum);
            }
            assertEquals(Map.of("10.0.0.1", 2, "10.0.0.2", 2, "10.0.0.3", 2), firsts);
        }
    }

    @Test
    void aCnameInOneGroupIsFollowedToItsTargetInTheOther() throws Exception {
        try (Deployment d = deployment()) {
            CountingRsMetrics metrics = new CountingRsMetrics();
            d.rs(new RsSettings(), metrics);
            ResolverClient client = d.client(new ClientSettings().timeout(TIMEOUT));
            Answer answer = client.resolve("www.example.com", RecordType.A).get();
            assertEquals(Status.NOERROR, answer.status());
            assertEquals(List.of("www.example.com CNAME web.example.net", "web.example.net A 93.184.216.34"), records(answer));
            assertEquals("web.example.net 93.184.216.34 A IN", AnswerLine.format("www.example.com", answer));
            assertEquals(1, metrics.cnamesFollowed.get());

            Answer again = client.resolve("WWW.example.com", RecordType.A).get();
            assertEquals(records(answer), records(again), "the same chain from the cache");
            assertTrue(again.records().stream().mapToInt(RecordData::ttl).allMatch(ttl -> ttl <= 300));
            assertEquals(2, metrics.cacheHits.get(), "both links were cached");
        }
    }

    @Test
    void aCnameLoopIsAnsweredWithAnErrorNotAHang() throws Exception {
        try (Deployment d = deployment()) {
            RootServer rs = d.rs();
            ResolverClient client = d.client(new ClientSettings().timeout(TIMEOUT));
            Answer answer = client.resolve("a.loop.test", RecordType.A).get();
            assertEquals(Status.SERVFAIL, answer.status(), "answered before the deadline, not TIMED OUT");
            assertEquals(List.of("a.loop.test CNAME b.loop.test", "b.loop.test CNAME a.loop.test"), records(answer));
            assertEquals("a.loop.test - Error:CNAME LOOP", AnswerLine.format("a.loop.test", answer));
            assertEquals(0, rs.pendingCount());
        }
    }
}
