package io.dnsbroker.testing;

import io.dnsbroker.broker.Connections;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.RabbitMQContainer;

/**
 * The broker every integration test talks to, chosen once per test run: a Testcontainers
 * RabbitMQ when Docker works, otherwise the broker named by AMQP_URI (default the local one).
 */
public final class TestBroker {
    private static String uri;

    private TestBroker() {
    }

    public static synchronized String uri() {
        if (uri == null) {
            uri = choose();
        }
        return uri;
    }

    private static String choose() {
        if (dockerWorks()) {
            RabbitMQContainer container = new RabbitMQContainer("rabbitmq:3.10-management");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            System.err.println("tests: broker is a Testcontainers RabbitMQ at " + container.getAmqpUrl());
            return container.getAmqpUrl();
        }
        String chosen = Connections.defaultUri();
        System.err.println("tests: no Docker engine; broker is " + chosen.replaceFirst("://([^:/@]+):[^@/]*@", "://$1:***@"));
        return chosen;
    }

    private static boolean dockerWorks() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
