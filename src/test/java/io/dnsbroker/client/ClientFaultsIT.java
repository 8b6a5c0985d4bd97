package io.dnsbroker.client;

import io.dnsbroker.testing.RabbitMqOnly;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.broker.Topology;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.dns.Table;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.AnswerBatch;
import io.dnsbroker.protocol.Codec;
import io.dnsbroker.protocol.MalformedMessageException;
import io.dnsbroker.protocol.Query;
import io.dnsbroker.protocol.QueryBatch;
import io.dnsbroker.protocol.RecordData;
import io.dnsbroker.testing.Await;
import io.dnsbroker.testing.Deployment;
import io.dnsbroker.testing.Management;
import io.dnsbroker.testing.TestBroker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's defences, each against one fault: a lost query, a full RS queue, a cut connection. */
@RabbitMqOnly("the management HTTP API and queue bounds with reject-publish")
class ClientFaultsIT {
    private static final Table TS1 = Deployment.table("www.example.com 10.0.0.1");
    private static final Duration TIMEOUT = Duration.ofMillis(2500);

    /** A TS of group ts1 that takes the first message and says nothing, then answers the rest. */
    private static final class LosesTheFirst {
        final AtomicInteger taken = new AtomicInteger();

        LosesTheFirst(BrokerConnection connection) throws IOException {
            Channel channel = connection.createChannel();
            connection.onChannel(c -> {
                connection.topology().declareGroupQueue(c, "ts1");
                return null;
            });
            channel.basicConsume(connection.topology().groupQueue("ts1"), true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
                    if (taken.incrementAndGet() == 1) {
                        return;
                    }
                    QueryBatch batch;
                    try {
                        batch = Codec.decodeQueries(body);
                    } catch (MalformedMessageException e) {
                        throw new IOException(e);
                    }
                    List<Answer> answers = new ArrayList<>();
                    for (Query query : batch.queries()) {
                        answers.add(new Answer(query.id(), Status.NOERROR, List.of(new RecordData(query.name(), "A", "10.0.0.1", 3600))));
                    }
                    channel.basicPublish("", properties.getReplyTo(), new AMQP.BasicProperties.Builder().expiration("5000").build(),
                            Codec.encode(new AnswerBatch("ts1", answers)));
                }
            });
        }
    }

    @Test
    void aLostQueryIsSentAgainWithTheSameIdAndTheLaterDuplicateIsDropped() throws Exception {
        try (Deployment d = new Deployment("ts1")) {
            LosesTheFirst ts = new LosesTheFirst(d.connection("ts1"));
            d.rs();
            ResolverClient client = d.client(new ClientSettings().timeout(TIMEOUT));
            Answer answer = client.resolve("www.example.com", RecordType.A).get();
            assertEquals(Status.NOERROR, answer.status(), "the retry was answered");
            assertEquals(2, ts.taken.get(), "the query reached TS twice");
            assertEquals(1, client.counters().retried());
            // RS answers TIMED OUT for the swallowed copy at the deadline; the client has its answer already.
            Await.until(() -> client.counters().duplicates() == 1, TIMEOUT.plusSeconds(2));
            assertEquals(1, client.counters().duplicates(), "the first copy's late TIMED OUT was dropped");
        }
    }

    @Test
    void withoutRetriesALostQueryTimesOut() throws Exception {
        try (Deployment d = new Deployment("ts1")) {
            LosesTheFirst ts = new LosesTheFirst(d.connection("ts1"));
            d.rs();
            ResolverClient client = d.client(new ClientSettings().timeout(TIMEOUT).retries(0));
            assertEquals(Status.TIMEOUT, client.resolve("www.example.com", RecordType.A).get().status());
            assertEquals(1, ts.taken.get());
            assertEquals(0, client.counters().retried());
        }
    }

    @Test
    void aFullRsQueueRefusesTheClientWhichBacksOffAndGetsThroughOnceItDrains() throws Exception {
        try (Deployment d = new Deployment("ts1")) {
            Topology topology = d.topology();
            BrokerConnection raw = d.connection("filler");
            // Fill the RS queue to its bound before any RS consumes it.
            boolean allTaken = raw.onChannel(c -> {
                topology.declareRs(c, List.of("ts1"));
                c.confirmSelect();
                byte[] junk = new byte[64 * 1024];
                for (int i = 0; i <= Topology.RS_QUEUE_MAX_BYTES / junk.length; i++) {
                    c.basicPublish("", topology.rsQueue(), new AMQP.BasicProperties.Builder().replyTo("nowhere").build(), junk);
                }
                try {
                    return c.waitForConfirms(10_000);
                } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
                    throw new IOException(e);
                }
            });
            assertFalse(allTaken, "the last of the filling messages went over the bound and was refused");
            ResolverClient client = d.client(new ClientSettings().timeout(Duration.ofSeconds(15)));
            CompletableFuture<Answer> answer = client.resolve("www.example.com", RecordType.A);
            // A broker under load may hold a confirm back for seconds; the nack must come, not come fast.
            Await.until(() -> client.counters().refused() >= 1, Duration.ofSeconds(10));
            assertTrue(client.counters().refused() >= 1, "the full queue refused the query (nack): " + client.counters()
                    + ", queue holds " + raw.onChannel(c -> c.messageCount(topology.rsQueue())));
            // RS starts, dead-letters the junk, and the queue drains: the client's next try gets in.
            d.ts("ts1", TS1);
            d.rs();
            assertEquals(Status.NOERROR, answer.get().status());
        }
    }

    @Test
    void aQueryWithNoRsQueueToGoToIsReturnedCountedAndTimedOut() throws Exception {
        try (Deployment d = new Deployment("ts1")) {
            d.rs();
            ResolverClient client = d.client(new ClientSettings().timeout(Duration.ofSeconds(1)).retries(0));
            d.connection("admin").onChannel(c -> c.queueDelete(d.topology().rsQueue()));
            CompletableFuture<Answer> answer = client.resolve("www.example.com", RecordType.A);
            Await.until(() -> client.counters().unroutable() == 1, Duration.ofSeconds(10));
            assertEquals(1, client.counters().unroutable(), "the broker returned the mandatory publish: " + client.counters());
            assertEquals(Status.TIMEOUT, answer.get().status());
            assertEquals(1, client.counters().givenUp(), "the client wrote TIMED OUT itself: no RS could answer");
        }
    }

    @Test
    void everyRoleRecoversWhenTheBrokerClosesItsConnection() throws Exception {
        try (Deployment d = new Deployment("ts1")) {
            d.ts("ts1", TS1);
            d.rs();
            ResolverClient client = d.client(new ClientSettings().timeout(Duration.ofSeconds(6)));
            assertEquals(Status.NOERROR, client.resolve("www.example.com", RecordType.A).get().status());
            Management management = new Management(TestBroker.uri());
            // The management API learns of consumers and queue owners from statistics emitted every few seconds.
            Set<String> connections = awaitConnections(management, d.namespace(), client, Set.of());
            assertEquals(3, connections.size(), "RS, TS and client connections: " + connections);
            for (String connection : connections) {
                management.closeConnection(connection);
            }
            List<CompletableFuture<Answer>> during = resolveSpread(client, 200);
            for (CompletableFuture<Answer> answer : during) {
                // While TS is away RS answers SERVER UNAVAILABLE at once, as designed; nothing is lost or left to time out.
                Status status = answer.get().status();
                assertTrue(status == Status.NOERROR || status == Status.SERVFAIL, status + "; " + client.counters());
            }
            Set<String> recovered = awaitConnections(management, d.namespace(), client, connections);
            assertEquals(3, recovered.size(), "every role reconnected: " + recovered);
            TimeUnit.SECONDS.sleep(1);
            for (CompletableFuture<Answer> answer : resolveSpread(client, 50)) {
                assertEquals(Status.NOERROR, answer.get().status(), "answered after recovery, " + client.counters());
            }
            assertTrue(client.counters().unpublished() > 0, "the cut caught publishes, sent again after recovery: " + client.counters());
        }
    }

    private static List<CompletableFuture<Answer>> resolveSpread(ResolverClient client, int count) throws InterruptedException {
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(client.resolve("www.example.com", RecordType.A));
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return answers;
    }

    /** The three connections of the namespace's roles, other than {@code old} ones, once the statistics show them all. */
    /** RS's and TS's connections hold the namespace's queues; the client's holds its server-named reply queue. */
    private static Set<String> awaitConnections(Management management, String namespace, ResolverClient client, Set<String> old)
            throws Exception {
        Set<String> found = Set.of();
        for (long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); found.size() < 3 && System.nanoTime() < giveUp; ) {
            found = new java.util.HashSet<>(management.connectionsOn(namespace + "."));
            found.addAll(management.connectionsOn(client.replyQueue()));
            found.removeAll(old);
            TimeUnit.MILLISECONDS.sleep(found.size() < 3 ? 500 : 0);
        }
        return found;
    }
}
