package io.dnsbroker.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * A role's private reply queue: server-named and exclusive, so it lives on the node its connection
 * reached and dies with that node. Recovery declares a new one, under a new name, on the node the
 * connection recovers to; {@link #name()} is always the current name, the one to put in replyTo.
 */
public final class ReplyQueue {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyQueue.class);

    private volatile String name;

    private ReplyQueue(String name) {
        this.name = name;
    }

    /** Declares the queue on {@code channel}, the channel that will consume it. */
    public static ReplyQueue declare(BrokerConnection connection, Channel channel) throws IOException {
        ReplyQueue queue = new ReplyQueue(connection.topology().declareReplyQueue(channel));
        connection.onQueueRenamed((oldName, newName) -> {
            if (oldName.equals(queue.name) && !newName.equals(oldName)) {
                LOG.info("{}: reply queue {} was lost with its connection; answers now come to {}", connection.name(), oldName, newName);
                queue.name = newName;
            }
        });
        return queue;
    }

    /**
     * Consumes the queue without acks. The queue is exclusive, so it dies with its connection, and
     * a channel closed on its own is not recovered: no reply an ack held back could ever be
     * delivered again, and an ack per reply was only more work for the broker. A reply that
     * cannot be read is dead-lettered with {@link Topology#deadLetter}.
     */
    public void consume(Channel channel, Consumer consumer) throws IOException {
        channel.basicConsume(name, true, consumer);
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
