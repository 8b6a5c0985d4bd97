package io.dnsbroker.ops;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.broker.Messages;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.Codec;
import io.dnsbroker.protocol.MalformedMessageException;
import io.dnsbroker.protocol.Query;
import io.dnsbroker.protocol.QueryBatch;
import io.dnsbroker.testing.Deployment;
import io.dnsbroker.testing.TestBroker;
import io.dnsbroker.dns.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERMs a TS worker running as its own {@code java -jar} process while its queue holds a
 * backlog, as {@code docker stop} does: the worker must answer what it took, hand back what it
 * had prefetched, and leave nothing acked unanswered, so a second worker answers every query once.
 */
class GracefulStopIT {
    private static final Path JAR = Path.of("target/dns-broker.jar");
    private static final int MESSAGES = 2_000;
    private static final int QUERIES_PER_MESSAGE = 25;
    private static final int SIGTERM_EXIT = 143;

    @Test
    void aTsWorkerStoppedMidLoadHandsBackItsPrefetchedWork(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase, before the integration tests");
        try (Deployment d = new Deployment("ts1")) {
            BrokerConnection rs = d.connection("rs");
            Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
            AtomicInteger notFound = new AtomicInteger();
            CountDownLatch firstReply = new CountDownLatch(1);
            Channel channel = rs.createChannel();
            String replyQueue = d.topology().declareReplyQueue(channel);
            channel.basicConsume(replyQueue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
                    try {
                        for (Answer answer : Codec.decodeAnswers(body).answers()) {
                            answers.computeIfAbsent(answer.id(), id -> new AtomicInteger()).incrementAndGet();
                            if (answer.status() != Status.NOERROR) {
                                notFound.incrementAndGet();
                            }
                        }
                    } catch (MalformedMessageException e) {
                        throw new IOException(e);
                    }
                    firstReply.countDown();
                }
            });
            rs.onChannel(c -> {
                d.topology().declareGroupQueue(c, "ts1");
                return null;
            });
            publishBacklog(rs, d.topology().groupQueue("ts1"), replyQueue);

            Path log = dir.resolve("ts1.log");
            Process worker = new ProcessBuilder("java", "-jar", JAR.toString(), "ts", "--group", "ts1",
                    "--table", "tables/PROJ2-DNSTS1.txt", "--prefetch", "200",
                    "--amqp", TestBroker.uri(), "--namespace", d.namespace())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                assertTrue(firstReply.await(60, TimeUnit.SECONDS), "the worker never answered: " + Files.readString(log));
                worker.destroy(); // SIGTERM
                assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "the worker did not stop on SIGTERM: " + Files.readString(log));
            } finally {
                worker.destroyForcibly();
            }
            String output = Files.readString(log);
            assertEquals(SIGTERM_EXIT, worker.exitValue(), output);
            Matcher stopped = Pattern.compile("ts1 stopped; handed back (\\d+) prefetched").matcher(output);
            assertTrue(stopped.find(), "the worker logs how it stopped: " + output);
            assertTrue(Integer.parseInt(stopped.group(1)) > 0, "it stopped mid-load, holding prefetched work: " + output);

            d.ts("ts1", Deployment.table("www.ibm.com 64.42.23.245"));
            long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (answers.size() < MESSAGES * QUERIES_PER_MESSAGE && System.nanoTime() < giveUpAt) {
                Thread.sleep(50);
            }
            assertEquals(MESSAGES * QUERIES_PER_MESSAGE, answers.size(), "every query answered; nothing acked was dropped");
            assertTrue(answers.values().stream().allMatch(n -> n.get() == 1), "no query answered twice: nothing answered was left unacked");
            assertEquals(0, notFound.get(), "both workers found www.ibm.com");
        }
    }

    private static void publishBacklog(BrokerConnection connection, String queue, String replyTo) throws IOException {
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(2);
        connection.onChannel(c -> {
            for (int m = 0; m < MESSAGES; m++) {
                List<Query> queries = new ArrayList<>(QUERIES_PER_MESSAGE);
                for (int q = 0; q < QUERIES_PER_MESSAGE; q++) {
                    queries.add(new Query(m + "-" + q, "www.ibm.com", "A", deadline));
                }
                c.basicPublish("", queue, Messages.properties(connection.flavor(), "b" + m, replyTo, deadline, System.currentTimeMillis()),
                        Codec.encode(new QueryBatch(queries)));
            }
            return null;
        });
    }
}
