package io.dnsbroker.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.impl.recovery.AutorecoveringConnection;

import java.io.IOException;
import java.util.function.BiConsumer;
import java.util.concurrent.TimeoutException;

/** A named connection to the broker, with what the roles need to know about the broker behind it. */
public final class BrokerConnection implements AutoCloseable {
    private final Connection connection;
    private final BrokerFlavor flavor;
    private final Topology topology;

    BrokerConnection(Connection connection, Topology topology) {
        this.connection = connection;
        this.flavor = BrokerFlavor.of(connection.getServerProperties());
        this.topology = topology;
    }

    public Channel createChannel() throws IOException {
        Channel channel = connection.createChannel();
        if (channel == null) {
            throw new IOException("the broker refused a new channel on " + name());
        }
        return channel;
    }

    /** Something done on a short-lived channel: declarations at start, inspections. */
    @FunctionalInterface
    public interface ChannelWork<T> {
        T apply(Channel channel) throws IOException;
    }

    /** Runs work on a channel of its own, closed afterwards; a failed passive declare closes it anyway. */
    public <T> T onChannel(ChannelWork<T> work) throws IOException {
        Channel channel = createChannel();
        try {
            return work.apply(channel);
        } finally {
            if (channel.isOpen()) {
                try {
                    channel.close();
                } catch (TimeoutException | IOException e) {
                    // the work is done; a channel that will not close goes with the connection
                }
            }
        }
    }

    /**
     * Runs {@code action} each time the connection has recovered, onto whichever node, with its
     * channels, reply queues and consumers: the moment to send again what the lost node may have
     * swallowed.
     */
    public void onRecovery(Runnable action) {
        if (connection instanceof Recoverable recoverable) {
            recoverable.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recovered) {
                    action.run();
                }

                @Override
                public void handleRecoveryStarted(Recoverable recovering) {
                    // nothing to do until the connection is back
                }
            });
        }
    }

    /** Tells {@code listener} (old name, new name) when recovery redeclares a server-named queue under a new name. */
    void onQueueRenamed(BiConsumer<String, String> listener) {
        if (connection instanceof AutorecoveringConnection recovering) {
            recovering.addQueueRecoveryListener(listener::accept);
        }
    }

    public BrokerFlavor flavor() {
        return flavor;
    }

    public Topology topology() {
        return topology;
    }

    public String name() {
        return connection.getClientProvidedName();
    }

    /** Where the connection went, for the start-up log line: user@host:port/vhost. */
    public String describe() {
        return connection.getAddress().getHostAddress() + ":" + connection.getPort() + " as " + name()
                + " (" + (flavor == BrokerFlavor.QPID ? "Qpid Broker-J" : connection.getServerProperties().getOrDefault("product", "?")) + " "
                + connection.getServerProperties().getOrDefault("version", "?") + ")";
    }

    /** The broker port the connection is on now; on a one-host cluster it tells the node. */
    public int port() {
        return connection.getPort();
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        try {
            if (connection.isOpen()) {
                connection.close(5_000);
            }
        } catch (IOException e) {
            // the connection is going away either way; nothing left to release
        }
    }
}
