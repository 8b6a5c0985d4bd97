package io.dnsbroker.broker.embedded;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.broker.BrokerFlavor;
import io.dnsbroker.broker.Connections;
import io.dnsbroker.broker.Messages;
import io.dnsbroker.broker.Topology;
import io.dnsbroker.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded Qpid Broker-J as the roles meet it, whatever broker the other tests use. */
class EmbeddedBrokerIT {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void theRabbitMqClientSeesQpidAndItsExpirationIsAnAbsoluteTime() throws Exception {
        Topology topology = new Topology("embedded-expiry");
        try (BrokerConnection connection = new Connections(broker.uri(), topology).open("test")) {
            assertEquals(BrokerFlavor.QPID, connection.flavor(), "Broker-J's server properties identify it");
            String queue = connection.onChannel(topology::declareReplyQueue);
            long now = System.currentTimeMillis();
            long deadline = now + 1_500;
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            connection.onChannel(channel -> {
                channel.basicPublish("", queue, Messages.properties(BrokerFlavor.RABBITMQ, "relative", null, deadline, now), body);
                channel.basicPublish("", queue, Messages.properties(connection.flavor(), "kept", null, deadline, now), body);
                channel.basicPublish("", queue, Messages.properties(connection.flavor(), "expires", null, deadline, now), body);
                return null;
            });
            GetResponse first = connection.onChannel(channel -> channel.basicGet(queue, true));
            assertNotNull(first, "a message before its deadline is delivered");
            assertEquals("kept", first.getProps().getCorrelationId(), "RabbitMQ's relative TTL reads as a time long past on Qpid");
            Thread.sleep(deadline - System.currentTimeMillis() + 200);
            assertNull(connection.onChannel(channel -> channel.basicGet(queue, true)), "a message past its deadline is gone");
        }
    }

    @Test
    void rolesDeclareTheirTopologyWithoutRabbitMqExtensionsAndCleanUpTolerateWhatIsMissing() throws Exception {
        Topology topology = new Topology("embedded-topology");
        try (BrokerConnection connection = new Connections(broker.uri(), topology).open("test")) {
            connection.onChannel(channel -> {
                topology.declareRs(channel, List.of("ts1", "ts2"));
                return null;
            });
            AMQP.Queue.DeclareOk group = connection.onChannel(channel -> channel.queueDeclarePassive(topology.groupQueue("ts1")));
            assertEquals(0, group.getConsumerCount());
            connection.onChannel(channel -> {
                topology.delete(channel, List.of("ts1", "ts2", "never-declared"));
                return null;
            });
            assertTrue(connection.isOpen(), "deleting what is not there keeps the connection");
            assertFalse(queueExists(connection, topology.rsQueue()), "the namespace is gone");
        }
    }

    private static boolean queueExists(BrokerConnection connection, String queue) {
        try {
            connection.onChannel(channel -> channel.queueDeclarePassive(queue));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void autoFallsBackToAnEmbeddedBrokerOnlyWhenNoUriWasGiven() throws Exception {
        String nobody = "amqp://guest:guest@127.0.0.1:" + freePort();
        try (BrokerChoice given = BrokerChoice.choose(BrokerMode.AUTO, nobody, true)) {
            assertEquals(nobody, given.uri(), "a broker the user named is used, down or not, so the error says so");
        }
        try (BrokerChoice answering = BrokerChoice.choose(BrokerMode.AUTO, broker.uri(), false)) {
            assertEquals(broker.uri(), answering.uri(), "a broker that answers is used");
        }
        String fallback;
        try (BrokerChoice chosen = BrokerChoice.choose(BrokerMode.AUTO, nobody, false)) {
            fallback = chosen.uri();
            assertTrue(BrokerChoice.answers(fallback), "the embedded broker listens at " + fallback);
        }
        assertFalse(BrokerChoice.answers(fallback), "closing the choice stops the embedded broker");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theSampleRunOnTheEmbeddedBrokerWritesTheExpectedFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("RESOLVED.txt");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[]{"run", "--broker", "embedded", "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(0, exit, err.toString());
        assertEquals(Files.readAllLines(Path.of("src/test/resources/expected/RESOLVED.txt")), Files.readAllLines(out));
    }

    @Test
    void embeddedWithAnExplicitUriIsABadCommandLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[]{"client", "--broker", "embedded", "--amqp", "amqp://127.0.0.1", "x.com"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(2, exit);
        assertTrue(err.toString().contains("--broker embedded starts a broker of its own"), err.toString());
    }
}
