package io.dnsbroker.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The names and declarations of everything dns-broker keeps in the broker. Every name starts with
 * the namespace, so deployments and test runs share a vhost without touching each other. Every
 * role declares what it uses, idempotently, through this one class, so the arguments always agree.
 */
public final class Topology {
    public static final String DEFAULT_NAMESPACE = "dns";
    /** Rejected messages kept for inspection; the oldest go first past this. */
    public static final int DEAD_LETTER_MAX_LENGTH = 10_000;
    /**
     * Most bytes of message bodies waiting in the RS queue; past it the broker refuses publishes
     * (a nack to a publisher with confirms), so a flood is turned back at the edge instead of
     * growing the queue. Counted in bytes, not messages, because a message holds 1 to 100 queries
     * and a query is about 100 bytes: 2 MiB is some 20 000 queries, about what RS answers within
     * one default deadline; more would only wait in the queue to expire.
     */
    public static final int RS_QUEUE_MAX_BYTES = 2 * 1024 * 1024;

    private final String namespace;
    private final QueueType queueType;
    private final AtomicBoolean degradationLogged = new AtomicBoolean();

    public Topology(String namespace) {
        this(namespace, QueueType.CLASSIC);
    }

    public Topology(String namespace, QueueType queueType) {
        this.queueType = queueType;
        if (namespace == null || !namespace.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("bad namespace '" + namespace + "': letters, digits, '_', '.', '-' only");
        }
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    public QueueType queueType() {
        return queueType;
    }

    public String rsQueue() {
        return namespace + ".rs";
    }

    public String tsExchange() {
        return namespace + ".ts";
    }

    public String groupQueue(String group) {
        return namespace + ".ts." + group;
    }

    public String deadLetterExchange() {
        return namespace + ".dlx";
    }

    public String deadLetterQueue() {
        return namespace + ".dlq";
    }

    /**
     * A queue with a dead-letter exchange dead-letters expired messages too; binding the
     * dead-letter queue on the first death reason keeps the rejected and drops the expired.
     */
    public void declareDeadLetter(Channel channel) throws IOException {
        if (!rabbitMq(channel)) {
            logDegradation();
            return;
        }
        channel.exchangeDeclare(deadLetterExchange(), BuiltinExchangeType.HEADERS, true);
        channel.queueDeclare(deadLetterQueue(), true, false, false, typed(Map.of(
                "x-max-length", DEAD_LETTER_MAX_LENGTH,
                "x-overflow", "drop-head")));
        channel.queueBind(deadLetterQueue(), deadLetterExchange(), "", Map.of(
                "x-match", "all-with-x",
                "x-first-death-reason", "rejected"));
    }

    /** What RS uses: its queue, the fanout and every group queue it fans out to. */
    public void declareRs(Channel channel, Collection<String> groups) throws IOException {
        declareDeadLetter(channel);
        channel.queueDeclare(rsQueue(), true, false, false, rabbitMq(channel) ? typed(Map.of(
                "x-dead-letter-exchange", deadLetterExchange(),
                "x-max-length-bytes", RS_QUEUE_MAX_BYTES,
                "x-overflow", "reject-publish")) : Map.of());
        for (String group : groups) {
            declareGroupQueue(channel, group);
        }
    }

    /** What a TS worker uses: the fanout and its group's queue bound to it. */
    public void declareGroupQueue(Channel channel, String group) throws IOException {
        declareDeadLetter(channel);
        channel.exchangeDeclare(tsExchange(), BuiltinExchangeType.FANOUT, true);
        channel.queueDeclare(groupQueue(group), true, false, false, workQueueArguments(channel));
        channel.queueBind(groupQueue(group), tsExchange(), "");
    }

    /**
     * A private reply queue: server-named (amq.gen-*, which the least-privilege users may declare),
     * exclusive, gone with its connection. Recovery renames it; {@link ReplyQueue} follows the name.
     * No dead-letter exchange: its consumer takes replies without acks, so the broker never rejects
     * one (see {@link #deadLetter}).
     */
    public String declareReplyQueue(Channel channel) throws IOException {
        return channel.queueDeclare("", false, true, true, Map.of()).getQueue();
    }

    /** How a message goes out: a channel's own publish, or a publisher that tracks its confirms. */
    public interface Sender {
        void send(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) throws IOException;
    }

    /**
     * Dead-letters a message taken from {@code queue} without an ack, and so past rejecting: sends
     * it to the dead-letter exchange with the death headers the broker's own
     * dead-lettering gives (the dead-letter queue's binding selects on them) and without its
     * expiration, as the broker drops it. Where there is no dead-lettering (not RabbitMQ) it is
     * dropped, as a rejected message is there.
     */
    public void deadLetter(Channel channel, Sender sender, String queue, AMQP.BasicProperties properties, byte[] body) throws IOException {
        if (!rabbitMq(channel)) {
            return;
        }
        Map<String, Object> headers = properties.getHeaders() == null ? new HashMap<>() : new HashMap<>(properties.getHeaders());
        headers.put("x-first-death-reason", "rejected");
        headers.put("x-first-death-queue", queue);
        headers.put("x-first-death-exchange", "");
        sender.send(deadLetterExchange(), "", properties.builder().headers(headers).expiration(null).build(), body);
    }

    private Map<String, Object> workQueueArguments(Channel channel) {
        return rabbitMq(channel) ? typed(deadLettered()) : Map.of();
    }

    private Map<String, Object> deadLettered() {
        return Map.of("x-dead-letter-exchange", deadLetterExchange());
    }

    /**
     * Adds the queue type to a durable queue's arguments; classic is left implicit, so queues
     * declared before the option existed (and brokers that do not know it) still match. Reply
     * queues never get one: they are exclusive and transient, which quorum queues cannot be.
     */
    private Map<String, Object> typed(Map<String, Object> arguments) {
        if (queueType == QueueType.CLASSIC) {
            return arguments;
        }
        Map<String, Object> withType = new HashMap<>(arguments);
        withType.put("x-queue-type", queueType.argument());
        return withType;
    }

    /**
     * Dead-lettering, queue bounds, queue types and the {@code x-match=all-with-x} headers binding
     * are RabbitMQ extensions; elsewhere (the embedded Qpid Broker-J) they are not declared, and
     * said so once.
     */
    private static boolean rabbitMq(Channel channel) {
        return BrokerFlavor.of(channel.getConnection().getServerProperties()) == BrokerFlavor.RABBITMQ;
    }

    private void logDegradation() {
        if (degradationLogged.compareAndSet(false, true)) {
            LoggerFactory.getLogger(Topology.class).warn("the broker is not RabbitMQ; not enforced there: dead-lettering into {} "
                    + "(a rejected message is dropped, not kept), the length bound of {}, the headers binding on x-first-death-reason, "
                    + "the byte bound of {} (a flood is not refused at the edge){}",
                    deadLetterQueue(), deadLetterQueue(), rsQueue(), queueType == QueueType.CLASSIC ? "" : ", " + queueType.argument() + " queues");
        }
    }

    /** Removes everything of this namespace; for tests and for tearing down a deployment. */
    public void delete(Channel channel, Collection<String> groups) throws IOException {
        if (!rabbitMq(channel)) {
            deleteWhatExists(channel, groups);
            return;
        }
        for (String group : groups) {
            channel.queueDelete(groupQueue(group));
        }
        channel.queueDelete(rsQueue());
        channel.queueDelete(deadLetterQueue());
        channel.exchangeDelete(tsExchange());
        channel.exchangeDelete(deadLetterExchange());
    }

    /** AMQP 0-9-1 makes deleting what is not there a channel error (RabbitMQ forgives it): one channel per delete. */
    private void deleteWhatExists(Channel channel, Collection<String> groups) throws IOException {
        for (String group : groups) {
            deleteIfPresent(channel, c -> c.queueDelete(groupQueue(group)));
        }
        deleteIfPresent(channel, c -> c.queueDelete(rsQueue()));
        deleteIfPresent(channel, c -> c.exchangeDelete(tsExchange()));
    }

    private interface Deletion {
        void apply(Channel channel) throws IOException;
    }

    private static void deleteIfPresent(Channel channel, Deletion deletion) throws IOException {
        Channel own = channel.getConnection().createChannel();
        try {
            deletion.apply(own);
        } catch (IOException e) {
            if (!(e.getCause() instanceof ShutdownSignalException signal && signal.getReason() instanceof AMQP.Channel.Close close
                    && close.getReplyCode() == AMQP.NOT_FOUND)) {
                throw e;
            }
        } finally {
            if (own.isOpen()) {
                try {
                    own.close();
                } catch (TimeoutException e) {
                    // the delete is done; the channel goes with its connection
                }
            }
        }
    }
}
