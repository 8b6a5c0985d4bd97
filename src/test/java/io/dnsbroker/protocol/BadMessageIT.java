package io.dnsbroker.protocol;

import io.dnsbroker.testing.RabbitMqOnly;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.broker.Topology;
import io.dnsbroker.client.ClientSettings;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.dns.Table;
import io.dnsbroker.rs.RsSettings;
import io.dnsbroker.testing.CountingRsMetrics;
import io.dnsbroker.testing.Await;
import io.dnsbroker.testing.Deployment;
import io.dnsbroker.ts.TsMetrics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages that break the contract, put on RS's queue and a TS group's queue by hand: each is
 * rejected once into the dead-letter queue (or refused at the door when too big), nothing is
 * requeued, and both servers go on answering. A message without a correlationId is no fault:
 * answers are matched by the ids of the queries inside, so RS and TS both serve it.
 */
@RabbitMqOnly("dead-lettering of rejected messages")
class BadMessageIT {
    private static final Table TS1 = Deployment.table("www.example.com 10.0.0.1");
    private static final String GOOD = "{\"queries\":[{\"id\":\"q1\",\"name\":\"www.example.com\",\"type\":\"A\",\"deadline\":%d}]}";
    private static final List<String> BAD_BODIES = List.of(
            "not json at all",
            "{\"queries\":\"www.example.com\"}",
            "[1, 2, 3]",
            "{\"queries\":[]}",
            "{\"queries\":[{\"id\":\"q1\",\"name\":\"www.example.com\"}]}",
            "{\"queries\":[{\"name\":\"www.example.com\",\"deadline\":99999999999999}]}");

    @Test
    void badMessagesAreDeadLetteredOnceAndServiceGoesOn() throws Exception {
        try (Deployment d = new Deployment("ts1")) {
            AtomicInteger tsMalformed = new AtomicInteger();
            startTs(d, tsMalformed);
            CountingRsMetrics rsMetrics = new CountingRsMetrics();
            d.rs(new RsSettings(), rsMetrics);
            Topology topology = d.topology();
            BrokerConnection raw = d.connection("test");
            Channel channel = raw.createChannel();
            String answers = topology.declareReplyQueue(channel);
            channel.confirmSelect();

            List<String> targets = List.of(topology.rsQueue(), topology.groupQueue("ts1"));
            for (String queue : targets) {
                for (String body : BAD_BODIES) {
                    publish(channel, queue, json().replyTo(answers).correlationId("c").build(), body.getBytes(StandardCharsets.UTF_8));
                }
                publish(channel, queue, json().correlationId("c").build(), good());
            }
            int perQueue = BAD_BODIES.size() + 1;
            assertTrue(channel.waitForConfirms(5_000), "the broker took every small bad message");

            Await.until(() -> raw.onChannel(c -> c.messageCount(topology.deadLetterQueue())) >= 2L * perQueue, Duration.ofSeconds(10));
            long deadLettered = raw.onChannel(c -> c.messageCount(topology.deadLetterQueue()));
            assertEquals(2L * perQueue, deadLettered, "each bad message dead-lettered once");
            assertEquals(perQueue, rsMetrics.malformed.get());
            assertEquals(perQueue, tsMalformed.get());
            for (String queue : targets) {
                long left = raw.onChannel(c -> c.messageCount(queue));
                assertEquals(0, left, queue + " holds nothing requeued");
            }

            // No correlationId: RS answers the client's query, TS answers RS's, by the query ids.
            publish(channel, topology.rsQueue(), json().replyTo(answers).build(), good());
            publish(channel, topology.groupQueue("ts1"), json().replyTo(answers).build(), good());
            List<AnswerBatch> replies = new ArrayList<>();
            Await.until(() -> {
                GetResponse got = channel.basicGet(answers, true);
                if (got != null) {
                    replies.add(Codec.decodeAnswers(got.getBody()));
                }
                return replies.size() >= 2;
            }, Duration.ofSeconds(5));
            assertEquals(2, replies.size(), "answers to both messages without a correlationId");
            for (AnswerBatch reply : replies) {
                assertEquals("q1", reply.answers().get(0).id());
                assertEquals(Status.NOERROR, reply.answers().get(0).status());
            }

            assertEquals(Status.NOERROR, d.client(new ClientSettings()).resolve("www.example.com", RecordType.A).get().status(),
                    "RS and TS keep serving");
        }
    }

    @Test
    void aHugeBodyIsRefusedAtTheRsQueueAndDeadLetteredByTs() throws Exception {
        try (Deployment d = new Deployment("ts1")) {
            AtomicInteger tsMalformed = new AtomicInteger();
            startTs(d, tsMalformed);
            d.rs();
            Topology topology = d.topology();
            BrokerConnection raw = d.connection("test");
            Channel channel = raw.createChannel();
            channel.confirmSelect();
            byte[] huge = new byte[Codec.MAX_BODY_BYTES + 1];
            java.util.Arrays.fill(huge, (byte) ' ');

            publish(channel, topology.rsQueue(), json().replyTo("nowhere").build(), huge);
            assertFalse(channel.waitForConfirms(5_000), "the bounded RS queue refuses a body bigger than its bound");

            Channel toTs = raw.createChannel();
            publish(toTs, topology.groupQueue("ts1"), json().replyTo("nowhere").build(), huge);
            Await.until(() -> tsMalformed.get() == 1, Duration.ofSeconds(10));
            assertEquals(1, tsMalformed.get(), "TS refuses a body over " + Codec.MAX_BODY_BYTES + " bytes unread");
            GetResponse dead = raw.onChannel(c -> c.basicGet(topology.deadLetterQueue(), true));
            assertNotNull(dead);
            assertEquals(huge.length, dead.getBody().length);
            assertNull(raw.onChannel(c -> c.basicGet(topology.deadLetterQueue(), true)));
        }
    }

    private static void startTs(Deployment d, AtomicInteger malformed) throws Exception {
        d.ts("ts1", TS1, 1, new TsMetrics() {
            @Override
            public void malformed() {
                malformed.incrementAndGet();
            }
        });
    }

    private static AMQP.BasicProperties.Builder json() {
        return new AMQP.BasicProperties.Builder().contentType(Codec.CONTENT_TYPE).expiration("10000");
    }

    private static byte[] good() {
        return String.format(GOOD, System.currentTimeMillis() + 5_000).getBytes(StandardCharsets.UTF_8);
    }

    private static void publish(Channel channel, String queue, AMQP.BasicProperties properties, byte[] body) throws Exception {
        channel.basicPublish("", queue, properties, body);
    }
}
