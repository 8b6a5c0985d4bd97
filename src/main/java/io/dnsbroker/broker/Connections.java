package io.dnsbroker.broker;

import com.rabbitmq.client.ConnectionFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeoutException;

/** The one place that opens broker connections: every connection recovers by itself and carries a name. */
public final class Connections {
    public static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672";

    private final ConnectionFactory factory = new ConnectionFactory();
    private final Topology topology;
    private final String uri;

    public Connections(String uri, Topology topology) {
        this.uri = uri;
        this.topology = topology;
        try {
            factory.setUri(uri);
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad AMQP URI '" + redacted(uri) + "': " + e.getMessage(), e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1_000);
        factory.setRequestedHeartbeat(10);
        factory.setConnectionTimeout(5_000);
    }

    /** The AMQP URI from the environment, or the local broker's. */
    public static String defaultUri() {
        String fromEnv = System.getenv("AMQP_URI");
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT_URI : fromEnv;
    }

    /** Opens a connection named {@code <role>-<host>}, the name the management UI shows. */
    public BrokerConnection open(String role) throws IOException {
        try {
            return new BrokerConnection(factory.newConnection(role + "-" + hostName()), topology);
        } catch (TimeoutException e) {
            throw new IOException("timed out connecting to " + redacted(uri), e);
        } catch (IOException e) {
            throw new IOException("cannot connect to " + redacted(uri) + ": " + e.getMessage(), e);
        }
    }

    public Topology topology() {
        return topology;
    }

    public String uri() {
        return redacted(uri);
    }

    /** The URI without its password, fit for a log line. */
    public static String redacted(String uri) {
        return uri.replaceFirst("://([^:/@]+):[^@/]*@", "://$1:***@");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
