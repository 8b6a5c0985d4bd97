package io.dnsbroker.broker.embedded;

import com.rabbitmq.client.ConnectionFactory;
import io.dnsbroker.broker.Connections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;

/**
 * The broker a process talks to, chosen once at start from {@code --broker} and the AMQP URI.
 * Closing it stops the embedded broker when this choice started one.
 */
public final class BrokerChoice implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerChoice.class);
    /** A local broker answers a TCP connect at once; a remote one gets this long. */
    private static final int PROBE_TIMEOUT_MILLIS = 1_000;

    private final String uri;
    private final EmbeddedBroker embedded;

    private BrokerChoice(String uri, EmbeddedBroker embedded) {
        this.uri = uri;
        this.embedded = embedded;
    }

    /**
     * @param uri      the AMQP URI from {@code --amqp} or the environment, or the default one
     * @param uriGiven whether the user named that URI; {@code auto} falls back to an embedded
     *                 broker only when not, so a named broker that is down is an error, not a surprise
     */
    public static BrokerChoice choose(BrokerMode mode, String uri, boolean uriGiven) throws IOException {
        return switch (mode) {
            case RABBITMQ -> new BrokerChoice(uri, null);
            case EMBEDDED -> startEmbedded("--broker embedded");
            case AUTO -> uriGiven || answers(uri) ? new BrokerChoice(uri, null)
                    : startEmbedded("no broker answers at " + Connections.redacted(uri));
        };
    }

    private static BrokerChoice startEmbedded(String why) throws IOException {
        EmbeddedBroker broker = EmbeddedBroker.start();
        LOG.info("{}: started an embedded Qpid Broker-J at {} in {} ms; it lives as long as this process",
                why, broker.uri(), broker.startMillis());
        return new BrokerChoice(broker.uri(), broker);
    }

    /** Whether something accepts TCP connections at the URI's host and port. */
    public static boolean answers(String uri) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            // a bad URI is reported by the connection that uses it, with the reason
            return true;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(factory.getHost(), factory.getPort()), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String uri() {
        return uri;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
