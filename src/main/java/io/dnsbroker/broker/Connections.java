package io.dnsbroker.broker;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.recovery.TopologyRecoveryFilter;
import com.rabbitmq.client.impl.recovery.RecordedBinding;
import com.rabbitmq.client.impl.recovery.RecordedConsumer;
import com.rabbitmq.client.impl.recovery.RecordedExchange;
import com.rabbitmq.client.impl.recovery.RecordedQueue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The one place that opens broker connections: every connection recovers by itself and carries a
 * name. Given the nodes of a cluster, a connection goes to any of them (in random order, so roles
 * spread over the nodes) and recovers onto another when its node is lost.
 */
public final class Connections {
    public static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672";

    private final ConnectionFactory factory = new ConnectionFactory();
    private final List<Address> addresses = new ArrayList<>();
    private final Topology topology;
    private final List<String> uris;

    /** {@code uris}: one AMQP URI, or several separated by commas (the nodes of one cluster). */
    public Connections(String uris, Topology topology) {
        this(Arrays.asList(uris.split(",")), topology);
    }

    public Connections(List<String> uris, Topology topology) {
        this.uris = uris.stream().map(String::strip).filter(u -> !u.isEmpty()).toList();
        this.topology = topology;
        if (this.uris.isEmpty()) {
            throw new IllegalArgumentException("no AMQP URI given");
        }
        String first = null;
        for (String uri : this.uris) {
            ConnectionFactory parsed = parse(uri);
            // Only host and port may differ: one user and vhost, so recovery lands in the same place.
            String identity = parsed.isSSL() + " " + parsed.getUsername() + " " + parsed.getPassword() + " " + parsed.getVirtualHost();
            if (first == null) {
                first = identity;
                parse(uri, factory);
            } else if (!first.equals(identity)) {
                throw new IllegalArgumentException("AMQP URIs " + uri() + " differ in more than host and port:"
                        + " the nodes of one broker share scheme, user, password and virtual host");
            }
            addresses.add(new Address(parsed.getHost(), parsed.getPort()));
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setTopologyRecoveryFilter(new OpenChannelsOnly());
        factory.setExceptionHandler(new NodeLossLogging());
        factory.setNetworkRecoveryInterval(1_000);
        factory.setRequestedHeartbeat(10);
        factory.setConnectionTimeout(5_000);
    }

    /** The AMQP URI (or comma-separated URIs) from the environment, or the local broker's. */
    public static String defaultUri() {
        String fromEnv = System.getenv("AMQP_URI");
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT_URI : fromEnv;
    }

    /**
     * Opens a connection named {@code <role>-<host>}, the name the management UI shows; its
     * threads are named {@code <role>-amqp-N}, so a thread dump or a profile tells the roles of
     * one process apart. Deliveries run on the reading thread ({@link InlineDispatch}).
     */
    public BrokerConnection open(String role) throws IOException {
        return open(role, 1);
    }

    /**
     * As {@link #open(String)}, for a role whose {@code parallelConsumers} consumers must run at
     * once (a TS worker's {@code --consumers}): beyond one, deliveries go to amqp-client's pool of
     * consumer threads, since one reading thread would run them one after another.
     */
    public BrokerConnection open(String role, int parallelConsumers) throws IOException {
        ConnectionFactory named = factory.clone();
        named.setThreadFactory(new RoleThreads(role + "-amqp-"));
        if (parallelConsumers <= 1) {
            named.setSharedExecutor(new InlineDispatch());
        }
        try {
            return new BrokerConnection(named.newConnection(addresses, role + "-" + hostName()), topology);
        } catch (TimeoutException e) {
            throw new IOException("timed out connecting to " + uri(), e);
        } catch (IOException e) {
            throw new IOException("cannot connect to " + uri() + ": " + e.getMessage(), e);
        }
    }

    public Topology topology() {
        return topology;
    }

    /** The URIs, comma-separated, without passwords: fit for a log line. */
    public String uri() {
        return uris.stream().map(Connections::redacted).collect(Collectors.joining(","));
    }

    /** The URI without its password, fit for a log line. */
    public static String redacted(String uri) {
        return uri.replaceFirst("://([^:/@]+):[^@/]*@", "://$1:***@");
    }

    private static ConnectionFactory parse(String uri) {
        return parse(uri, new ConnectionFactory());
    }

    private static ConnectionFactory parse(String uri, ConnectionFactory into) {
        try {
            into.setUri(uri);
            return into;
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad AMQP URI '" + redacted(uri) + "': " + e.getMessage(), e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    private static final class RoleThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        RoleThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable work) {
            return new Thread(work, prefix + count.incrementAndGet());
        }
    }

    /**
     * Recovers only what was declared on channels still in use (reply queues, consumers). Roles
     * declare their durable queues and exchanges on short-lived channels at start; those outlive
     * a lost node by themselves, and redeclaring them through a closed channel only fails loudly.
     */
    private static final class OpenChannelsOnly implements TopologyRecoveryFilter {
        @Override
        public boolean filterExchange(RecordedExchange exchange) {
            return exchange.getChannel().isOpen();
        }

        @Override
        public boolean filterQueue(RecordedQueue queue) {
            return queue.getChannel().isOpen();
        }

        @Override
        public boolean filterBinding(RecordedBinding binding) {
            return binding.getChannel().isOpen();
        }

        @Override
        public boolean filterConsumer(RecordedConsumer consumer) {
            return consumer.getChannel().isOpen();
        }
    }
}
