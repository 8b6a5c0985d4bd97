package io.dnsbroker.broker;

import com.rabbitmq.client.Channel;
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

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
