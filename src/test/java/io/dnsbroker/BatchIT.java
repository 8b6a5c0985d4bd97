package io.dnsbroker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.broker.Messages;
import io.dnsbroker.dns.Status;
import io.dnsbroker.dns.Table;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.AnswerBatch;
import io.dnsbroker.protocol.Codec;
import io.dnsbroker.protocol.MalformedMessageException;
import io.dnsbroker.protocol.Query;
import io.dnsbroker.protocol.QueryBatch;
import io.dnsbroker.rs.RootServer;
import io.dnsbroker.rs.RsSettings;
import io.dnsbroker.testing.CountingRsMetrics;
import io.dnsbroker.testing.Deployment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One message carrying many queries, played by hand against a real RS: every query is answered
 * on its own, with its own outcome and at its own time, and RS counts queries, not messages.
 */
class BatchIT {
    private static final Table TS1 = Deployment.table("GOOGLE.com 46.1.3.7 A", "www.ibm.com 64.42.23.245");
    private static final Duration DEADLINE = Duration.ofMillis(1500);

    /** A client played by hand: one batch out, answers collected by query id with the time each came. */
    private static final class HandClient {
        final Map<String, Answer> answers = new ConcurrentHashMap<>();
        final Map<String, Long> arrivedAtMillis = new ConcurrentHashMap<>();
        final LinkedBlockingQueue<Integer> messages = new LinkedBlockingQueue<>();
        final Channel channel;
        final String replyQueue;
        final BrokerConnection connection;

        HandClient(BrokerConnection connection) throws IOException {
            this.connection = connection;
            this.channel = connection.createChannel();
            this.replyQueue = connection.topology().declareReplyQueue(channel);
            channel.basicConsume(replyQueue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
                    try {
                        AnswerBatch batch = Codec.decodeAnswers(body);
                        long now = System.currentTimeMillis();
                        for (Answer answer : batch.answers()) {
                            answers.put(answer.id(), answer);
                            arrivedAtMillis.put(answer.id(), now);
                        }
                        messages.add(batch.answers().size());
                    } catch (MalformedMessageException e) {
                        throw new IOException(e);
                    }
                }
            });
        }

        void send(List<Query> queries) throws IOException {
            QueryBatch batch = new QueryBatch(queries);
            channel.basicPublish("", connection.topology().rsQueue(),
                    Messages.properties(connection.flavor(), "batch-1", replyQueue, batch.latestDeadline(), System.currentTimeMillis()),
                    Codec.encode(batch));
        }

        void awaitAnswers(int count) throws InterruptedException {
            long giveUpAt = System.currentTimeMillis() + DEADLINE.toMillis() + 5_000;
            while (answers.size() < count && System.currentTimeMillis() < giveUpAt) {
                messages.poll(100, TimeUnit.MILLISECONDS);
            }
            assertEquals(count, answers.size(), "answers received: " + answers.keySet());
        }
    }

    /**
     * The ts2 group played by hand: "no such name" at once for every query, except names starting
     * with "slow", which it takes and never answers.
     */
    private static void selectiveTs2(BrokerConnection connection) throws IOException {
        connection.onChannel(c -> {
            connection.topology().declareGroupQueue(c, "ts2");
            return null;
        });
        Channel channel = connection.createChannel();
        channel.basicConsume(connection.topology().groupQueue("ts2"), false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
                List<Answer> answers = new ArrayList<>();
                try {
                    for (Query query : Codec.decodeQueries(body).queries()) {
                        if (!query.name().startsWith("slow")) {
                            answers.add(Answer.of(query.id(), Status.NXDOMAIN));
                        }
                    }
                } catch (MalformedMessageException e) {
                    throw new IOException(e);
                }
                if (!answers.isEmpty()) {
                    channel.basicPublish("", properties.getReplyTo(), Messages.properties(connection.flavor(), properties.getCorrelationId(),
                            null, Messages.deadline(properties, System.currentTimeMillis() + 1_000), System.currentTimeMillis()),
                            Codec.encode(new AnswerBatch("ts2", answers)));
                }
                channel.basicAck(envelope.getDeliveryTag(), false);
            }
        });
    }

    @Test
    void aBatchMixingFoundNotFoundInvalidAndTimingOutNamesIsAnsweredPerNameAndCountedPerName() throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", TS1);
            selectiveTs2(d.connection("ts2"));
            CountingRsMetrics metrics = new CountingRsMetrics();
            RootServer rs = d.rs(new RsSettings().timeout(DEADLINE), metrics);
            HandClient client = new HandClient(d.connection("client"));
            long deadline = System.currentTimeMillis() + DEADLINE.toMillis();
            client.send(List.of(
                    new Query("found", "google.com", "A", deadline),
                    new Query("missing", "www.nosuchsite.org", "A", deadline),
                    new Query("invalid", "bad..name", "A", deadline),
                    new Query("slow", "slow.example.org", "A", deadline)));
            client.awaitAnswers(4);

            assertEquals(Status.NOERROR, client.answers.get("found").status());
            assertEquals("46.1.3.7", client.answers.get("found").records().get(0).data());
            assertEquals(Status.NXDOMAIN, client.answers.get("missing").status());
            assertEquals(Status.FORMERR, client.answers.get("invalid").status());
            assertEquals(Status.TIMEOUT, client.answers.get("slow").status());
            assertTrue(client.arrivedAtMillis.get("slow") >= deadline, "TIMED OUT before its deadline");

            assertEquals(4, metrics.received.get(), "one message, four queries received");
            assertEquals(4, metrics.answeredTotal(), "four queries answered");
            for (Status status : List.of(Status.NOERROR, Status.NXDOMAIN, Status.FORMERR, Status.TIMEOUT)) {
                assertNotNull(metrics.answered.get(status), "no " + status + " counted");
                assertEquals(1, metrics.answered.get(status).get(), status + " answers counted");
            }
            assertEquals(0, rs.pendingCount());
        }
    }

    @Test
    void theTs1PartOfABatchIsAnsweredAtOnceWhileItsTs2PartTimesOutAtItsDeadline() throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", TS1);
            selectiveTs2(d.connection("ts2"));
            RootServer rs = d.rs(new RsSettings().timeout(DEADLINE), new CountingRsMetrics());
            HandClient client = new HandClient(d.connection("client"));
            long sentAt = System.currentTimeMillis();
            long deadline = sentAt + DEADLINE.toMillis();
            List<Query> queries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                queries.add(new Query("ts1-" + i, i % 2 == 0 ? "google.com" : "www.ibm.com", "A", deadline));
                queries.add(new Query("ts2-" + i, "slow" + i + ".example.org", "A", deadline));
            }
            client.send(queries);
            client.awaitAnswers(20);

            for (int i = 0; i < 10; i++) {
                Answer found = client.answers.get("ts1-" + i);
                assertEquals(Status.NOERROR, found.status());
                long millis = client.arrivedAtMillis.get("ts1-" + i) - sentAt;
                assertTrue(millis < DEADLINE.toMillis() / 2, "the ts1 part waited " + millis + " ms for the ts2 part");
                assertEquals(Status.TIMEOUT, client.answers.get("ts2-" + i).status());
                assertTrue(client.arrivedAtMillis.get("ts2-" + i) >= deadline, "the ts2 part TIMED OUT before its deadline");
            }
            assertEquals(0, rs.pendingCount());
        }
    }
}
