package io.dnsbroker.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.dnsbroker.broker.BrokerConnection;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks RS over the broker. Many queries stay in flight; a publisher thread groups what is waiting
 * into batches (a lone query goes out at once), answers come back on a private reply queue and
 * are matched by query id, and a query RS never answers is given up a grace after its deadline.
 * A query unanswered past its retransmission timeout is sent again, the same query with the same
 * id, up to {@code retries} times; the first answer wins and later ones are dropped and counted.
 */
public final class ResolverClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResolverClient.class);

    private final BrokerConnection connection;
    private final Topology topology;
    private final ClientSettings settings;
    private final String idPrefix = UUID.randomUUID().toString().substring(0, 8) + "-";
    private final AtomicLong sequence = new AtomicLong();
    private final ClientCounters counters = new ClientCounters();
    private final RetransmitTimer retransmit = new RetransmitTimer();
    private final ScheduledExecutorService retryTimer;
    /** When the newest answered query was sent, and when the last answer came: the loss signals. */
    private volatile long newestAnsweredSentNanos;
    private volatile long lastAnswerNanos = System.nanoTime();
    private final PendingTable<ClientQuery> pending;
    private final Semaphore inflight;
    private final BlockingQueue<ClientQuery> outbox = new LinkedBlockingQueue<>();
    private final RsQueuePublisher publishing;
    private final ReplyQueue replyQueue;
    private final Thread publisher;

    private ResolverClient(BrokerConnection connection, ClientSettings settings) throws IOException {
        this.connection = connection;
        this.topology = connection.topology();
        this.settings = settings;
        this.inflight = new Semaphore(settings.inflight());
        this.pending = new PendingTable<>("client", this::giveUp);

        connection.onChannel(channel -> {
            channel.queueDeclarePassive(topology.rsQueue());
            topology.declareDeadLetter(channel);
            return null;
        });

        Channel replyChannel = connection.createChannel();
        this.replyQueue = ReplyQueue.declare(connection, replyChannel);
        replyQueue.consume(replyChannel, new AnswerConsumer(replyChannel));
        connection.onRecovery(this::askAgain);

        this.publishing = new RsQueuePublisher(connection.createChannel(), topology.rsQueue(), counters, outbox::add);
        this.retryTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "client-retry");
            thread.setDaemon(true);
            return thread;
        });
        this.publisher = new Thread(this::publishLoop, "client-publisher");
        publisher.setDaemon(true);
        publisher.start();
    }

    /** Connects a client; RS must have declared its queue (start RS first). */
    public static ResolverClient start(BrokerConnection connection, ClientSettings settings) throws IOException {
        Codec.warmUp();
        ResolverClient client;
        try {
            client = new ResolverClient(connection, settings);
        } catch (IOException e) {
            throw new IOException("no queue " + connection.topology().rsQueue() + " at the broker: is RS running in namespace '"
                    + connection.topology().namespace() + "'?", e);
        }
        LOG.info("client connected to {}; publishing to {}, answers on {}; timeout {} ms, {} retries, {} in flight, batches of {}",
                connection.describe(), client.topology.rsQueue(), client.replyQueue, settings.timeout().toMillis(),
                settings.retries(), settings.inflight(), settings.batch());
        return client;
    }

    /**
     * Sends a query and returns its answer to come. Blocks while {@code inflight} queries are
     * outstanding. An invalid name is answered FORMERR at once, without a broker trip.
     */
    public CompletableFuture<Answer> resolve(String name, RecordType type) throws InterruptedException {
        String queried = name.strip();
        // Short: only this client's own reply queue carries its ids back; the prefix names its messages.
        String id = Long.toString(sequence.incrementAndGet(), Character.MAX_RADIX);
        try {
            Name.parse(queried);
        } catch (InvalidNameException e) {
            return CompletableFuture.completedFuture(Answer.of(id, Status.FORMERR));
        }
        inflight.acquire();
        long deadline = System.currentTimeMillis() + settings.timeout().toMillis();
        ClientQuery query = new ClientQuery(new Query(id, queried, type.name(), deadline), deadline + settings.grace().toMillis());
        query.answer.whenComplete((answer, failure) -> inflight.release());
        pending.add(query);
        outbox.add(query);
        return query.answer;
    }

    /** Answers that matched no waiting query: duplicates, or ones that came after the client gave up. */
    public long unmatchedAnswers() {
        return counters.duplicates();
    }

    public ClientCounters counters() {
        return counters;
    }

    /** The queue answers come to now; recovery may have renamed it. */
    public String replyQueue() {
        return replyQueue.name();
    }

    public int pendingCount() {
        return pending.size();
    }

    private void publishLoop() {
        List<ClientQuery> batch = new ArrayList<>(settings.batch());
        long lingerNanos = settings.linger().toNanos();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                batch.add(outbox.take());
                outbox.drainTo(batch, settings.batch() - batch.size());
                // Linger only when a stream is flowing; a lone query goes out at once.
                long lingerUntil = System.nanoTime() + lingerNanos;
                while (batch.size() > 1 && batch.size() < settings.batch()) {
                    ClientQuery next = outbox.poll(lingerUntil - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    outbox.drainTo(batch, settings.batch() - batch.size());
                }
                batch.removeIf(query -> pending.get(query.id()) != query);
                if (!batch.isEmpty()) {
                    publishing.awaitTurn();
                    publish(batch);
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish(List<ClientQuery> batch) {
        List<Query> queries = new ArrayList<>(batch.size());
        for (ClientQuery query : batch) {
            queries.add(query.query);
        }
        QueryBatch message = new QueryBatch(queries);
        long now = System.currentTimeMillis();
        AMQP.BasicProperties properties = Messages.properties(connection.flavor(), idPrefix + "b" + sequence.incrementAndGet(),
                replyQueue.name(), message.latestDeadline(), now);
        properties = properties.builder()
                .headers(Map.of(Messages.DEADLINE_HEADER, message.latestDeadline(), RsQueuePublisher.BATCH_SIZE_HEADER, batch.size()))
                .build();
        if (publishing.publish(batch, properties, Codec.encode(message))) {
            scheduleRetry(batch, System.nanoTime());
        }
    }

    /**
     * After the connection recovered onto another node: answers to queries in flight went to a
     * reply queue that died with the old node, so every query still waiting is sent again under
     * its own id, answers now coming to the new reply queue, without waiting for its retry timer.
     * Whichever answer comes second is dropped as a duplicate.
     */
    private void askAgain() {
        List<ClientQuery> waiting = pending.snapshot();
        outbox.addAll(waiting);
        LOG.info("client recovered onto {}; sent {} waiting queries again", connection.describe(), waiting.size());
    }

    /**
     * One retransmission timer for the whole batch just sent, not one per query: its queries left
     * together and, unless something is lost, come back together. A bulk run keeps tens of
     * thousands of queries in flight, and a timer each cost more than their JSON.
     */
    private void scheduleRetry(List<ClientQuery> batch, long sentAt) {
        List<ClientQuery> armed = new ArrayList<>(batch.size());
        int fewestSends = Integer.MAX_VALUE;
        for (ClientQuery query : batch) {
            int sends = query.sends;
            if (sends == 1) {
                query.firstSentNanos = sentAt;
            }
            query.lastSentNanos = sentAt;
            if (sends <= settings.retries()) {
                armed.add(query);
                fewestSends = Math.min(fewestSends, sends);
            }
        }
        if (!armed.isEmpty()) {
            armRetry(new SentBatch(armed, sentAt), retransmit.timeoutNanos(fewestSends));
        }
    }

    private void armRetry(SentBatch sent, long delayNanos) {
        retryTimer.schedule(() -> retryIfLost(sent), delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Queries of one send, each with the generation it had then: a query sent again since, or
     * queued to be, has a newer generation and is another timer's business.
     */
    private static final class SentBatch {
        final List<ClientQuery> queries;
        final int[] generations;
        final long sentAtNanos;

        SentBatch(List<ClientQuery> queries, long sentAtNanos) {
            this.queries = queries;
            this.generations = new int[queries.size()];
            for (int i = 0; i < generations.length; i++) {
                generations[i] = queries.get(i).generation;
            }
            this.sentAtNanos = sentAtNanos;
        }
    }

    /**
     * Sends again the batch's queries still waiting when they look lost, not merely queued (RFC
     * 8985's rule): a query sent after them has been answered, or nothing at all has been answered
     * for a whole timeout. In a bulk run every query waits behind thousands of others and answers
     * come back in order; a timeout alone would resend most of the window and double the load just
     * when it is highest.
     */
    private void retryIfLost(SentBatch sent) {
        long now = System.currentTimeMillis();
        List<ClientQuery> waiting = new ArrayList<>();
        for (int i = 0; i < sent.generations.length; i++) {
            ClientQuery query = sent.queries.get(i);
            if (query.generation == sent.generations[i] && pending.get(query.id()) == query && now < query.query.deadline()) {
                waiting.add(query);
            }
        }
        if (waiting.isEmpty()) {
            return;
        }
        long timeout = retransmit.timeoutNanos();
        boolean overtaken = newestAnsweredSentNanos - sent.sentAtNanos > retransmit.reorderWindowNanos();
        boolean stalled = System.nanoTime() - lastAnswerNanos > timeout;
        if (!overtaken && !stalled) {
            armRetry(new SentBatch(waiting, sent.sentAtNanos), timeout);
            return;
        }
        for (ClientQuery query : waiting) {
            query.generation++;
            counters.retried.increment();
            outbox.add(query);
        }
    }

    private final class AnswerConsumer extends DefaultConsumer {
        AnswerConsumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
            AnswerBatch batch;
            try {
                batch = Codec.decodeAnswers(body);
            } catch (MalformedMessageException e) {
                LOG.warn("dead-lettered a malformed answer from {}: {}", replyQueue.name(), e.getMessage());
                topology.deadLetter(getChannel(), getChannel()::basicPublish, replyQueue.name(), properties, body);
                return;
            }
            for (Answer answer : batch.answers()) {
                ClientQuery query = pending.get(answer.id());
                if (query != null && pending.remove(query)) {
                    lastAnswerNanos = System.nanoTime();
                    if (query.lastSentNanos > newestAnsweredSentNanos) {
                        newestAnsweredSentNanos = query.lastSentNanos;
                    }
                    if (query.sends == 1) {
                        retransmit.sample(System.nanoTime() - query.firstSentNanos);
                    }
                    query.answer.complete(answer);
                } else {
                    counters.duplicates.increment();
                }
            }
        }
    }

    private void giveUp(List<ClientQuery> expired) {
        counters.givenUp.add(expired.size());
        for (ClientQuery query : expired) {
            query.answer.complete(Answer.of(query.id(), Status.TIMEOUT));
        }
    }

    @Override
    public void close() {
        publisher.interrupt();
        retryTimer.shutdownNow();
        pending.close();
        connection.close();
    }
}
