package io.dnsbroker.rs;

import com.github.benmanes.caffeine.cache.Ticker;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.broker.ConfirmedPublisher;
import io.dnsbroker.broker.Messages;
import io.dnsbroker.broker.ReplyQueue;
import io.dnsbroker.broker.Topology;
import io.dnsbroker.dns.InvalidNameException;
import io.dnsbroker.dns.Name;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.pending.PendingTable;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.AnswerBatch;
import io.dnsbroker.protocol.Codec;
import io.dnsbroker.protocol.MalformedMessageException;
import io.dnsbroker.protocol.Query;
import io.dnsbroker.protocol.QueryBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The root server: takes client queries from {@code <ns>.rs}, fans each out to every TS group,
 * and answers each query exactly once: the first positive answer, NXDOMAIN when every group said
 * no, SERVFAIL when a group without consumers might have had it, TIMEOUT at the deadline. Answers
 * come from the cache when it has them, and a CNAME is followed by asking again for its target
 * (see {@link CnameChase}); every step of a query keeps the query's deadline.
 *
 * <p>Three publishers, each on its own channel with publisher confirms: the query consumer
 * (fan-out and immediate answers), the reply consumer (relayed answers and CNAME steps), both run
 * on the connection's reading thread, and the pending table's expiry thread (timeouts, and asking
 * again after the connection recovered).
 */
public final class RootServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RootServer.class);
    /** Queries per message when asking the groups again after recovery. */
    private static final int ASK_AGAIN_BATCH = 100;

    private final BrokerConnection connection;
    private final Topology topology;
    private final RsSettings settings;
    private final RsMetrics metrics;
    private final int allGroups;
    private final String idPrefix = UUID.randomUUID().toString().substring(0, 8) + "-";
    private final AtomicLong sequence = new AtomicLong();
    private final PendingTable<PendingQuery> pending;
    private final CnameChase chase;
    private final ConfirmedPublisher expiryPublisher;
    private final GroupLiveness liveness;
    private final ConfirmedPublisher replyPublisher;
    private final ReplyQueue replyQueue;
    private final ConfirmedPublisher queryPublisher;
    private final Channel queryChannel;
    private final String queryConsumerTag;
    private final CountDownLatch queriesStopped = new CountDownLatch(1);
    private volatile boolean stopping;

    private RootServer(BrokerConnection connection, RsSettings settings, RsMetrics metrics) throws IOException {
        this.connection = connection;
        this.topology = connection.topology();
        this.settings = settings;
        this.metrics = metrics;
        this.allGroups = (1 << settings.groups().size()) - 1;
        this.chase = new CnameChase(new AnswerCache(settings, metrics, Ticker.systemTicker()), new Rotation(), metrics);

        connection.onChannel(channel -> {
            topology.declareRs(channel, settings.groups());
            return null;
        });

        this.expiryPublisher = new ConfirmedPublisher(connection.createChannel());
        this.pending = new PendingTable<>("rs", this::answerTimeouts);
        this.liveness = new GroupLiveness(connection, settings.groups(), settings.livenessInterval().toMillis());

        Channel replyChannel = connection.createChannel();
        this.replyPublisher = new ConfirmedPublisher(replyChannel);
        this.replyQueue = ReplyQueue.declare(connection, replyChannel);
        replyQueue.consume(replyChannel, new ReplyConsumer(replyChannel));

        this.queryChannel = connection.createChannel();
        queryChannel.basicQos(settings.prefetch());
        this.queryPublisher = new ConfirmedPublisher(queryChannel);
        this.queryConsumerTag = queryChannel.basicConsume(topology.rsQueue(), false, new QueryConsumer(queryChannel));
        connection.onRecovery(this::fanOutAgain);
    }

    public static RootServer start(BrokerConnection connection, RsSettings settings, RsMetrics metrics) throws IOException {
        Codec.warmUp();
        RootServer server = new RootServer(connection, settings, metrics);
        LOG.info("rs connected to {}; declared {}, fanout {}, group queues {}, dead letters {}; consuming {} with timeout {} ms; {}",
                connection.describe(), server.topology.rsQueue(), server.topology.tsExchange(),
                settings.groups().stream().map(server.topology::groupQueue).toList(),
                server.topology.deadLetterQueue(), server.topology.rsQueue(), settings.timeout().toMillis(),
                settings.cache() ? "cache of " + settings.cacheSize() + " answers, negative TTL " + settings.negativeTtl().toSeconds()
                        + " s, serve-stale " + settings.serveStale().toSeconds() + " s" : "no cache");
        return server;
    }

    /** Queries fanned out and not answered yet. */
    public int pendingCount() {
        return pending.size();
    }

    private final class QueryConsumer extends DefaultConsumer {
        QueryConsumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
            if (stopping) {
                // Prefetched after the stop began: another RS takes it, rather than a fan-out nobody waits out.
                getChannel().basicNack(envelope.getDeliveryTag(), false, true);
                return;
            }
            QueryBatch batch;
            try {
                batch = Messages.queries(properties, body);
            } catch (MalformedMessageException e) {
                metrics.malformed();
                LOG.warn("rejected a malformed message from {} to the dead-letter queue: {}", topology.rsQueue(), e.getMessage());
                getChannel().basicReject(envelope.getDeliveryTag(), false);
                return;
            }
            fanOut(batch, properties.getReplyTo());
            getChannel().basicAck(envelope.getDeliveryTag(), false);
        }

        /** Comes after every delivery the consumer had been sent. */
        @Override
        public void handleCancelOk(String tag) {
            queriesStopped.countDown();
        }
    }

    private void fanOut(QueryBatch batch, String clientReplyTo) {
        long now = System.currentTimeMillis();
        long nanos = System.nanoTime();
        long latestAllowed = now + settings.timeout().toMillis();
        int deadGroups = liveness.deadGroups();
        metrics.received(batch.queries().size());

        List<Query> forward = new ArrayList<>(batch.queries().size());
        ClientReplies immediate = new ClientReplies();
        for (Query query : batch.queries()) {
            long deadline = Math.min(query.deadline(), latestAllowed);
            if (deadline <= now) {
                metrics.expiredOnArrival();
                continue;
            }
            CnameChase.Step step = firstStep(query);
            if (step.done()) {
                immediate.add(clientReplyTo, step.answer(query.id()), deadline);
                metrics.answered(step.status(), System.nanoTime() - nanos);
                continue;
            }
            ask(new PendingQuery(nextId(), deadline, query.id(), clientReplyTo, nanos, deadGroups, step.ask()), forward, immediate);
        }
        publish(forward, queryPublisher, now);
        if (!immediate.isEmpty()) {
            immediate.send(queryPublisher, connection.flavor());
        }
    }

    /** FORMERR for a name or type no group could answer; otherwise what the cache knows, or the lookup to ask. */
    private CnameChase.Step firstStep(Query query) {
        RecordType type = RecordType.byName(query.type());
        if (type != null) {
            try {
                return chase.start(Name.parse(query.name()), type);
            } catch (InvalidNameException e) {
                // answered FORMERR below, as an unknown type is
            }
        }
        return CnameChase.Step.done(Status.FORMERR, List.of(), false);
    }

    /** Queues a lookup for the groups, unless none has a consumer: then a stale answer or SERVFAIL at once. */
    private void ask(PendingQuery query, List<Query> forward, ClientReplies replies) {
        if (query.deadGroups == allGroups) {
            answer(query, chase.failed(query.lookup, Status.SERVFAIL), replies);
            return;
        }
        pending.add(query);
        forward.add(query.asked());
    }

    private void publish(List<Query> forward, ConfirmedPublisher publisher, long now) {
        if (forward.isEmpty()) {
            return;
        }
        QueryBatch outgoing = new QueryBatch(forward);
        publisher.publish(topology.tsExchange(), "",
                Messages.properties(connection.flavor(), idPrefix + "b" + sequence.incrementAndGet(), replyQueue.name(),
                        outgoing.latestDeadline(), now),
                Codec.encode(outgoing));
    }

    /**
     * After the connection recovered onto another node: the groups' answers to queries in hand
     * went to a reply queue that died with the old node, and fan-outs may have died with it too,
     * so every query still pending is asked again, answers now coming to the new reply queue.
     * Groups answer by the same ids; whatever answer comes second is dropped as redundant.
     */
    private void fanOutAgain() {
        long now = System.currentTimeMillis();
        List<Query> again = new ArrayList<>();
        for (PendingQuery query : pending.snapshot()) {
            if (query.expiresAt() > now) {
                again.add(query.asked());
            }
        }
        for (int from = 0; from < again.size(); from += ASK_AGAIN_BATCH) {
            publish(again.subList(from, Math.min(again.size(), from + ASK_AGAIN_BATCH)), expiryPublisher, now);
        }
        LOG.info("rs recovered onto {}; asked the groups again for {} pending queries", connection.describe(), again.size());
    }

    private void answer(PendingQuery query, CnameChase.Step step, ClientReplies replies) {
        replies.add(query.clientReplyTo, step.answer(query.clientQueryId), query.expiresAt());
        metrics.answered(step.status(), System.nanoTime() - query.receivedAtNanos);
    }

    /**
     * Short: a query's id crosses the broker five times, and only this RS's own reply queue ever
     * carries it back, so it need not be unique beyond this process.
     */
    private String nextId() {
        return Long.toString(sequence.incrementAndGet(), Character.MAX_RADIX);
    }

    private final class ReplyConsumer extends DefaultConsumer {
        ReplyConsumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
            AnswerBatch batch;
            int groupBit;
            try {
                batch = Codec.decodeAnswers(body);
                int index = batch.group() == null ? -1 : settings.groups().indexOf(batch.group());
                if (index < 0) {
                    throw new MalformedMessageException("reply from unknown group '" + batch.group() + "'");
                }
                groupBit = 1 << index;
            } catch (MalformedMessageException e) {
                metrics.malformed();
                LOG.warn("dead-lettered a malformed reply from {}: {}", replyQueue.name(), e.getMessage());
                // Through the reply publisher, whose confirm tracking counts every publish on this channel.
                topology.deadLetter(getChannel(), replyPublisher::publish, replyQueue.name(), properties, body);
                return;
            }
            long now = System.currentTimeMillis();
            boolean pastDeadline = Messages.deadline(properties, Long.MAX_VALUE) <= now;
            ClientReplies replies = new ClientReplies();
            List<Query> forward = new ArrayList<>();
            for (Answer answer : batch.answers()) {
                relay(answer, groupBit, pastDeadline, replies, forward);
            }
            publish(forward, replyPublisher, now);
            if (!replies.isEmpty()) {
                replies.send(replyPublisher, connection.flavor());
            }
        }
    }

    private void relay(Answer answer, int groupBit, boolean pastDeadline, ClientReplies replies, List<Query> forward) {
        PendingQuery query = pending.get(answer.id());
        if (query == null) {
            if (pastDeadline) {
                metrics.lateReply();
            } else {
                metrics.redundantReply();
            }
            return;
        }
        Status outcome = switch (answer.status()) {
            case NOERROR, FORMERR -> answer.status();
            default -> {
                int accountedFor = query.addNegative(groupBit);
                if (accountedFor != allGroups) {
                    yield null;
                }
                yield query.deadGroups == 0 ? Status.NXDOMAIN : Status.SERVFAIL;
            }
        };
        if (outcome == null) {
            return;
        }
        if (!pending.remove(query)) {
            metrics.redundantReply();
            return;
        }
        CnameChase.Step step = outcome == Status.SERVFAIL
                ? chase.failed(query.lookup, outcome)
                : chase.answered(query.lookup, outcome, answer.records());
        if (step.done()) {
            answer(query, step, replies);
        } else {
            ask(query.next(nextId(), step.ask(), liveness.deadGroups()), forward, replies);
        }
    }

    private void answerTimeouts(List<PendingQuery> expired) {
        ClientReplies replies = new ClientReplies();
        long nanos = System.nanoTime();
        for (PendingQuery query : expired) {
            CnameChase.Step step = chase.failed(query.lookup, Status.TIMEOUT);
            replies.add(query.clientReplyTo, step.answer(query.clientQueryId), query.expiresAt());
            metrics.answered(step.status(), nanos - query.receivedAtNanos);
        }
        replies.send(expiryPublisher, connection.flavor());
    }

    /**
     * Stops taking queries, then lets every query in hand end (answered, or TIMED OUT at its
     * deadline) before closing, so nothing acked is left unanswered.
     */
    @Override
    public void close() {
        stopping = true;
        try {
            queryChannel.basicCancel(queryConsumerTag);
            queriesStopped.await(5, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cancel failed on close: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long giveUpAt = System.currentTimeMillis() + settings.timeout().toMillis() + 1_000;
        while (pending.size() > 0 && System.currentTimeMillis() < giveUpAt && connection.isOpen()) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        liveness.close();
        pending.close();
        connection.close();
    }
}
