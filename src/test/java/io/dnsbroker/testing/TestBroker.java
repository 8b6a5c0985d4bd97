package io.dnsbroker.testing;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.dnsbroker.broker.BrokerFlavor;
import io.dnsbroker.broker.Connections;
import io.dnsbroker.broker.embedded.BrokerChoice;
import io.dnsbroker.broker.embedded.BrokerMode;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import org.testcontainers.containers.RabbitMQContainer;

/**
 * The broker every integration test talks to, chosen once per test run: a Testcontainers
 * RabbitMQ when Docker works, else the broker at AMQP_URI (default the local one) when one
 * answers there or AMQP_URI is set, else an embedded Qpid Broker-J, on which RabbitMQ-only
 * tests skip ({@link RabbitMqOnly}).
 */
public final class TestBroker {
    private static String uri;
    private static String managementUri;
    private static BrokerFlavor flavor;

    private TestBroker() {
    }

    public static synchronized String uri() {
        if (uri == null) {
            uri = choose();
        }
        return uri;
    }

    /** The management HTTP API of the same broker: MANAGEMENT_URI, else port 15672 on the AMQP host. */
    public static synchronized String managementUri() {
        uri();
        if (managementUri == null) {
            String fromEnv = System.getenv("MANAGEMENT_URI");
            managementUri = fromEnv != null && !fromEnv.isBlank() ? fromEnv
                    : "http://" + java.net.URI.create(uri).getHost() + ":15672";
        }
        return managementUri;
    }

    /** Which broker product the tests talk to, read from its server properties. */
    public static synchronized BrokerFlavor flavor() {
        if (flavor == null) {
            ConnectionFactory factory = new ConnectionFactory();
            try {
                factory.setUri(uri());
                try (Connection connection = factory.newConnection("test-probe")) {
                    flavor = BrokerFlavor.of(connection.getServerProperties());
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot reach the test broker at " + Connections.redacted(uri()) + ": " + e, e);
            }
        }
        return flavor;
    }

    private static String choose() {
        if (dockerWorks()) {
            RabbitMQContainer container = new RabbitMQContainer("rabbitmq:3.10-management");
            container.start();
            managementUri = container.getHttpUrl();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            System.err.println("tests: broker is a Testcontainers RabbitMQ at " + container.getAmqpUrl());
            return container.getAmqpUrl();
        }
        String configured = Connections.defaultUri();
        String fromEnv = System.getenv("AMQP_URI");
        try {
            // the rule `--broker auto` follows: a broker named in AMQP_URI is used even when down
            BrokerChoice choice = BrokerChoice.choose(BrokerMode.AUTO, configured, fromEnv != null && !fromEnv.isBlank());
            if (!choice.isEmbedded()) {
                System.err.println("tests: no Docker engine; broker is " + Connections.redacted(configured));
                return configured;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(choice::close));
            System.err.println("tests: no Docker engine and no broker at " + Connections.redacted(configured)
                    + "; broker is an embedded Qpid Broker-J; RabbitMQ-only tests skip");
            return choice.uri();
        } catch (IOException e) {
            throw new IllegalStateException("no test broker: no Docker engine, nothing at "
                    + Connections.redacted(configured) + ", and the embedded broker did not start: " + e.getMessage(), e);
        }
    }

    private static boolean dockerWorks() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
