package io.dnsbroker.broker;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BrokerFlavorTest {
    @Test
    void theServerPropertiesTellTheBroker() {
        assertEquals(BrokerFlavor.RABBITMQ, BrokerFlavor.of(Map.of("product", "RabbitMQ", "version", "3.10.8")));
        assertEquals(BrokerFlavor.QPID, BrokerFlavor.of(Map.of("product", "qpid", "version", "9.2.1")));
        // Broker-J 10.0.1 from Maven Central, as the RabbitMQ client sees it
        assertEquals(BrokerFlavor.QPID, BrokerFlavor.of(Map.of("product", "unknown", "version", "10.0.1",
                "qpid.instance_name", "dns-broker-embedded", "qpid.build", "unknown")));
        assertEquals(BrokerFlavor.RABBITMQ, BrokerFlavor.of(Map.of()), "a broker that says nothing is taken for RabbitMQ");
    }

    @Test
    void rabbitMqTakesTheTimeLeftAndQpidTheDeadline() {
        assertEquals("1500", BrokerFlavor.RABBITMQ.expiration(11_500, 10_000));
        assertEquals("0", BrokerFlavor.RABBITMQ.expiration(9_000, 10_000), "a deadline passed is no negative TTL");
        assertEquals("11500", BrokerFlavor.QPID.expiration(11_500, 10_000));
    }
}
