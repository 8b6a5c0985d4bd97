package io.dnsbroker.broker;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionsTest {
    private static final Topology TOPOLOGY = new Topology("t");

    @Test
    void aCommaSeparatedListIsSeveralNodesAndBlanksAreIgnored() {
        Connections connections = new Connections(" amqp://u:p@a:1 ,, amqp://u:p@b:2 ", TOPOLOGY);
        assertEquals("amqp://u:***@a:1,amqp://u:***@b:2", connections.uri());
    }

    @Test
    void nodesMustShareUserPasswordVhostAndScheme() {
        for (String other : new String[]{"amqp://v:p@b:2", "amqp://u:q@b:2", "amqp://u:p@b:2/other", "amqps://u:p@b:2"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Connections("amqp://u:p@a:1," + other, TOPOLOGY));
            assertTrue(e.getMessage().contains("differ in more than host and port"), e.getMessage());
        }
    }

    @Test
    void aBadUriIsNamedWithoutItsPassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Connections("amqp://u:p@a:1,http://u:secret@b:2", TOPOLOGY));
        assertTrue(e.getMessage().startsWith("bad AMQP URI 'http://u:***@b:2'"), e.getMessage());
    }

    @Test
    void noUriAtAllIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Connections(" , ", TOPOLOGY));
    }

    @Test
    void queueTypeParsesItsTwoNames() {
        assertEquals(QueueType.CLASSIC, QueueType.parse("classic"));
        assertEquals(QueueType.QUORUM, QueueType.parse(" Quorum "));
        assertEquals("quorum", QueueType.QUORUM.argument());
        assertThrows(IllegalArgumentException.class, () -> QueueType.parse("stream"));
    }
}
