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
    private static String managementUri;

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

    private static String choose() {
        if (dockerWorks()) {
            RabbitMQContainer container = new RabbitMQContainer("rabbitmq:3.10-management");
            container.start();
            managementUri = container.getHttpUrl();
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
