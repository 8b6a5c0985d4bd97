package io.dnsbroker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.cli.Main;
import io.dnsbroker.client.AnswerLine;
import io.dnsbroker.client.ClientSettings;
import io.dnsbroker.client.ResolverClient;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.dns.Table;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.Codec;
import io.dnsbroker.rs.RootServer;
import io.dnsbroker.rs.RsMetrics;
import io.dnsbroker.rs.RsSettings;
import io.dnsbroker.testing.CountingRsMetrics;
import io.dnsbroker.testing.Deployment;
import io.dnsbroker.testing.RabbitMqOnly;
import io.dnsbroker.testing.SilentGroup;
import io.dnsbroker.testing.TestBroker;
import io.dnsbroker.ts.TsMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request path end to end over the real broker, each test in a namespace of its own. */
class ResolverIT {
    private static final Table TS1 = Deployment.table("GOOGLE.com 46.1.3.7 A", "www.ibm.com 64.42.23.245");
    private static final Table TS2 = Deployment.table("www.princeton.edu 128.1.1.4 A", "www.rutgers.edu 128.6.4.2");
    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    /**
     * For tests about who answers, not when: a cold JVM on a loaded 2-core box (more so with the
     * embedded broker in it) takes seconds over its first few hundred queries.
     */
    private static final Duration UNHURRIED = Duration.ofSeconds(10);

    private static Answer resolve(ResolverClient client, String name) throws Exception {
        return client.resolve(name, RecordType.A).get();
    }

    private static ClientSettings settings() {
        return new ClientSettings().timeout(TIMEOUT);
    }

    @Test
    void sampleRunMatchesTheExpectedFileLineByLine(@TempDir Path dir) throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            Path out = dir.resolve("RESOLVED.txt");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = Main.run(new String[]{"run", "--amqp", TestBroker.uri(), "--namespace", d.namespace(), "--out", out.toString()},
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
            assertEquals(0, exit, err.toString());
            List<String> expected = Files.readAllLines(Path.of("src/test/resources/expected/RESOLVED.txt"));
            List<String> actual = Files.readAllLines(out);
            assertEquals(expected.size(), actual.size(), "one line per input name");
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), actual.get(i), "line " + (i + 1));
            }
        }
    }

    @Test
    void aGroupWithoutConsumersGivesServerUnavailableAtOnce() throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", TS1);
            d.rs();
            ResolverClient client = d.client(settings());
            assertEquals("GOOGLE.com 46.1.3.7 A IN", AnswerLine.format("google.com", resolve(client, "google.com")));
            long start = System.nanoTime();
            Answer answer = resolve(client, "www.princeton.edu");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Status.SERVFAIL, answer.status());
            assertTrue(millis < TIMEOUT.toMillis() / 2, "SERVFAIL took " + millis + " ms, the deadline is " + TIMEOUT.toMillis());
        }
    }

    @Test
    void aSilentGroupTimesOutAtTheDeadlineNotBeforeAndNotMuchAfter() throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", TS1);
            try (SilentGroup silent = new SilentGroup(d.connection("ts2"), "ts2", -1)) {
                RootServer rs = d.rs();
                ResolverClient client = d.client(settings());
                List<CompletableFuture<Answer>> answers = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    answers.add(client.resolve("www.princeton.edu", RecordType.A));
                }
                Answer found = resolve(client, "google.com");
                assertEquals(Status.NOERROR, found.status(), "a positive answer does not wait for the silent group");
                for (CompletableFuture<Answer> answer : answers) {
                    assertEquals(Status.TIMEOUT, answer.get().status());
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis >= TIMEOUT.toMillis(), "TIMED OUT after " + millis + " ms, before the deadline");
                assertTrue(millis <= TIMEOUT.toMillis() + 200, "TIMED OUT after " + millis + " ms, over 200 ms past the deadline");
                assertTrue(silent.taken.get() >= 20, "the silent group took the queries");
                assertEquals(0, rs.pendingCount());
            }
        }
    }

    @Test
    void everyGroupSayingNoGivesHostNotFoundAtOnce() throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", TS1);
            d.ts("ts2", TS2);
            d.rs();
            ResolverClient client = d.client(settings());
            long start = System.nanoTime();
            Answer answer = resolve(client, "www.nosuchsite.org");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("www.nosuchsite.org - Error:HOST NOT FOUND", AnswerLine.format("www.nosuchsite.org", answer));
            assertTrue(millis < TIMEOUT.toMillis() / 2, "NXDOMAIN took " + millis + " ms");
        }
    }

    @Test
    void twoClientsAtOnceEachGetOnlyTheirOwnAnswers() throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", TS1);
            d.ts("ts2", TS2);
            d.rs(new RsSettings().timeout(UNHURRIED), RsMetrics.NONE);
            ResolverClient first = d.client(settings().timeout(UNHURRIED));
            ResolverClient second = d.client(settings().timeout(UNHURRIED));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<List<String>> a = pool.submit(() -> resolveMany(first, "google.com", 500));
                Future<List<String>> b = pool.submit(() -> resolveMany(second, "www.princeton.edu", 500));
                assertTrue(a.get().stream().allMatch("GOOGLE.com 46.1.3.7 A IN"::equals), "client 1 got another's answer");
                assertTrue(b.get().stream().allMatch("www.princeton.edu 128.1.1.4 A IN"::equals), "client 2 got another's answer");
            } finally {
                pool.shutdownNow();
            }
            assertEquals(0, first.unmatchedAnswers());
            assertEquals(0, second.unmatchedAnswers());
        }
    }

    private static List<String> resolveMany(ResolverClient client, String name, int count) throws Exception {
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(client.resolve(name, RecordType.A));
        }
        List<String> lines = new ArrayList<>();
        for (CompletableFuture<Answer> answer : answers) {
            lines.add(AnswerLine.format(name, answer.get()));
        }
        return lines;
    }

    @Test
    void lateRepliesMakeNoSecondAnswerAndLeaveNoPendingEntry() throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", TS1);
            CountingRsMetrics metrics = new CountingRsMetrics();
            try (SilentGroup slow = new SilentGroup(d.connection("ts2"), "ts2", TIMEOUT.toMillis() + 300)) {
                RootServer rs = d.rs(new RsSettings(), metrics);
                // Without client retries: this counts RS's replies to one send of each query.
                ResolverClient client = d.client(settings().retries(0));
                List<CompletableFuture<Answer>> answers = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    answers.add(client.resolve("www.princeton.edu", RecordType.A));
                }
                for (CompletableFuture<Answer> answer : answers) {
                    assertEquals(Status.TIMEOUT, answer.get().status());
                }
                waitFor(() -> metrics.late.get() >= 50, Duration.ofSeconds(3));
                assertEquals(50, metrics.late.get(), "every late reply is counted");
                assertEquals(0, rs.pendingCount(), "no pending entry outlives its deadline");
                assertEquals(0, client.unmatchedAnswers(), "no second answer reached the client");
                assertEquals(50, metrics.answeredTotal());
            }
        }
    }

    @Test
    @RabbitMqOnly("dead-lettering of rejected messages")
    void aMalformedMessageIsDeadLetteredAndServiceGoesOn() throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", TS1);
            CountingRsMetrics metrics = new CountingRsMetrics();
            d.rs(new RsSettings(), metrics);
            BrokerConnection raw = d.connection("test");
            raw.onChannel(channel -> {
                AMQP.BasicProperties json = new AMQP.BasicProperties.Builder().contentType(Codec.CONTENT_TYPE).replyTo("nowhere").build();
                channel.basicPublish("", d.topology().rsQueue(), json, "not json".getBytes(StandardCharsets.UTF_8));
                channel.basicPublish("", d.topology().groupQueue("ts1"), json, "{\"queries\":[{\"name\":\"x\"}]}".getBytes(StandardCharsets.UTF_8));
                // A message expiring in a queue nobody consumes (ts2 has no worker) must not pile up in the dead-letter queue.
                AMQP.BasicProperties expiring = new AMQP.BasicProperties.Builder().expiration("1").build();
                channel.basicPublish("", d.topology().groupQueue("ts2"), expiring, "{}".getBytes(StandardCharsets.UTF_8));
                return null;
            });
            waitFor(() -> raw.onChannel(c -> c.messageCount(d.topology().deadLetterQueue())) >= 2, Duration.ofSeconds(5));
            GetResponse first = raw.onChannel(c -> c.basicGet(d.topology().deadLetterQueue(), true));
            assertNotNull(first);
            assertEquals("not json", new String(first.getBody(), StandardCharsets.UTF_8));
            GetResponse second = raw.onChannel(c -> c.basicGet(d.topology().deadLetterQueue(), true));
            assertNotNull(second);
            assertTrue(new String(second.getBody(), StandardCharsets.UTF_8).contains("\"name\":\"x\""));
            assertEquals(1, metrics.malformed.get());
            waitFor(() -> raw.onChannel(c -> c.messageCount(d.topology().groupQueue("ts2"))) == 0, Duration.ofSeconds(2));
            assertNull(raw.onChannel(c -> c.basicGet(d.topology().deadLetterQueue(), true)), "only rejected messages are dead-lettered");
            assertEquals(Status.NOERROR, resolve(d.client(settings()), "google.com").status(), "RS keeps serving");
        }
    }

    @Test
    @RabbitMqOnly("dead-lettering of rejected messages")
    void aMalformedAnswerIsDeadLetteredFromTheReplyQueueItsClientTakesWithoutAcks() throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", TS1);
            d.ts("ts2", TS2);
            d.rs(new RsSettings(), RsMetrics.NONE);
            ResolverClient client = d.client(settings());
            BrokerConnection raw = d.connection("test");
            raw.onChannel(channel -> {
                AMQP.BasicProperties json = new AMQP.BasicProperties.Builder().contentType(Codec.CONTENT_TYPE).expiration("60000").build();
                channel.basicPublish("", client.replyQueue(), json, "not json".getBytes(StandardCharsets.UTF_8));
                return null;
            });
            GetResponse dead = firstDeadLetter(d, raw);
            assertEquals("not json", new String(dead.getBody(), StandardCharsets.UTF_8));
            assertEquals(client.replyQueue(), String.valueOf(dead.getProps().getHeaders().get("x-first-death-queue")));
            assertNull(dead.getProps().getExpiration(), "kept until someone looks, as the broker keeps what it dead-letters");
            assertEquals(Status.NOERROR, resolve(client, "google.com").status(), "the client keeps taking answers");
        }
    }

    @Test
    @RabbitMqOnly("dead-lettering of rejected messages")
    void aMalformedReplyIsDeadLetteredFromTheReplyQueueRsTakesWithoutAcks() throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", TS1);
            CountingRsMetrics metrics = new CountingRsMetrics();
            d.rs(new RsSettings(), metrics);
            BrokerConnection brokenTs2 = d.connection("broken-ts2");
            Channel channel = brokenTs2.createChannel();
            channel.basicConsume(d.topology().groupQueue("ts2"), true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
                    channel.basicPublish("", properties.getReplyTo(), null, "not json".getBytes(StandardCharsets.UTF_8));
                }
            });
            ResolverClient client = d.client(settings());
            assertEquals(Status.NOERROR, resolve(client, "google.com").status(), "ts1's answer still wins");
            GetResponse dead = firstDeadLetter(d, d.connection("test"));
            assertEquals("not json", new String(dead.getBody(), StandardCharsets.UTF_8));
            assertTrue(String.valueOf(dead.getProps().getHeaders().get("x-first-death-queue")).startsWith("amq.gen-"),
                    "rejected from RS's reply queue: " + dead.getProps().getHeaders());
            assertEquals(1, metrics.malformed.get());
            assertEquals(Status.NOERROR, resolve(client, "www.ibm.com").status(), "RS keeps taking replies");
        }
    }

    /** The oldest message in the namespace's dead-letter queue, once there is one, taken out. */
    private static GetResponse firstDeadLetter(Deployment d, BrokerConnection raw) throws Exception {
        waitFor(() -> raw.onChannel(c -> c.messageCount(d.topology().deadLetterQueue())) >= 1, Duration.ofSeconds(5));
        GetResponse dead = raw.onChannel(c -> c.basicGet(d.topology().deadLetterQueue(), true));
        assertNotNull(dead);
        return dead;
    }

    @Test
    void twoWorkersOfOneGroupShareTheLoad() throws Exception {
        try (Deployment d = new Deployment("ts1")) {
            AtomicInteger first = new AtomicInteger();
            AtomicInteger second = new AtomicInteger();
            d.ts("ts1", TS1, 1, counting(first));
            d.ts("ts1", TS1, 1, counting(second));
            // No cache: every query must reach a worker for the split to show.
            d.rs(new RsSettings().cache(false).timeout(UNHURRIED), RsMetrics.NONE);
            // Without client retries: this counts the lookups of one send of each query.
            ResolverClient client = d.client(settings().batch(1).timeout(UNHURRIED).retries(0));
            List<String> lines = resolveMany(client, "www.ibm.com", 400);
            assertEquals(List.of(), lines.stream().filter(line -> !line.equals("www.ibm.com 64.42.23.245 A IN")).distinct().toList());
            assertEquals(400, first.get() + second.get());
            assertTrue(first.get() > 40 && second.get() > 40, "load split " + first + "/" + second);
        }
    }

    private static TsMetrics counting(AtomicInteger lookups) {
        return new TsMetrics() {
            @Override
            public void lookup(boolean hit) {
                lookups.incrementAndGet();
            }
        };
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void waitFor(Condition condition, Duration atMost) throws Exception {
        long giveUp = System.nanoTime() + atMost.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > giveUp) {
                return;
            }
            Thread.sleep(20);
        }
    }
}
