package io.dnsbroker.cli;

import io.dnsbroker.broker.Connections;
import io.dnsbroker.broker.QueueType;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerOptionsTest {
    /** With --broker rabbitmq, so no broker is probed or started: these tests read options only. */
    private static BrokerOptions parse(String... args) {
        RsCommand command = new RsCommand();
        List<String> withBroker = new java.util.ArrayList<>(List.of("--broker", "RABBITMQ"));
        withBroker.addAll(List.of(args));
        new CommandLine(command).parseArgs(withBroker.toArray(String[]::new));
        return command.broker;
    }

    @Test
    void amqpTakesRepeatedAndCommaSeparatedUris() throws Exception {
        BrokerOptions options = parse("--amqp", "amqp://guest:guest@h1:5681,amqp://guest:guest@h2:5682", "--amqp", "amqp://guest:guest@h3:5683");
        assertEquals(List.of("amqp://guest:guest@h1:5681", "amqp://guest:guest@h2:5682", "amqp://guest:guest@h3:5683"), options.amqp);
        Connections connections = options.connections();
        assertEquals("amqp://guest:***@h1:5681,amqp://guest:***@h2:5682,amqp://guest:***@h3:5683", connections.uri());
    }

    @Test
    void queueTypeIsClassicUnlessAskedForQuorum() throws Exception {
        assertEquals(QueueType.CLASSIC, parse().connections().topology().queueType());
        assertEquals(QueueType.QUORUM, parse("--queue-type", "quorum").connections().topology().queueType());
        assertEquals(QueueType.QUORUM, parse("--queue-type", "QUORUM").connections().topology().queueType());
    }

    @Test
    void aBadQueueTypeIsAUsageErrorNamingTheChoices() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[]{"rs", "--queue-type", "stream"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ExitCode.USAGE, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("bad queue type 'stream': classic or quorum"), err.toString());
    }

    @Test
    void urisThatDifferInMoreThanHostAndPortAreRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[]{"rs", "--amqp", "amqp://guest:guest@h1:5681,amqp://other:secret@h2:5682"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(ExitCode.USAGE, exit);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("share scheme, user, password and virtual host"), message);
        assertTrue(!message.contains("secret"), "passwords stay out of messages: " + message);
    }
}
