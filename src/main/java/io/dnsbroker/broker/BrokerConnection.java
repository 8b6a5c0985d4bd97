package io.dnsbroker.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.io.IOException;
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
