package io.dnsbroker.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.Return;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Publishes query batches to the RS queue with publisher confirms and {@code mandatory}, without
 * ever waiting for a confirm: each publish is tracked by sequence number until the broker's ack
 * arrives on the connection's thread. What the broker did not take goes back to be sent again:
 * <ul>
 *   <li>a nack (the RS queue is full and refuses publishes) after a backoff that doubles while
 *   nacks go on, during which nothing is published;</li>
 *   <li>a publish that could not be made, or was unconfirmed, when the connection dropped: after
 *   recovery (recovery itself resends nothing);</li>
 *   <li>a return (no RS queue to route to) is counted and logged; the retry timer resends it.</li>
 * </ul>
 * Only one thread calls {@link #publish}.
 */
final class RsQueuePublisher {
    private static final Logger LOG = LoggerFactory.getLogger(RsQueuePublisher.class);
    static final long FIRST_BACKOFF_MILLIS = 50;
    static final long MAX_BACKOFF_MILLIS = 2_000;

    private final Channel channel;
    private final String queue;
    private final ClientCounters counters;
    private final Consumer<ClientQuery> sendAgain;
    private final ConcurrentNavigableMap<Long, List<ClientQuery>> unconfirmed = new ConcurrentSkipListMap<>();
    private final Set<ClientQuery> held = ConcurrentHashMap.newKeySet();
    private volatile long pausedUntilNanos;
    private long backoffMillis;
    private long lastRefusalLogNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(2);

    RsQueuePublisher(Channel channel, String queue, ClientCounters counters, Consumer<ClientQuery> sendAgain) throws IOException {
        this.channel = channel;
        this.queue = queue;
        this.counters = counters;
        this.sendAgain = sendAgain;
        channel.confirmSelect();
        channel.addConfirmListener(new Confirms());
        channel.addReturnListener(this::returned);
        channel.addShutdownListener(cause -> {
            if (!cause.isInitiatedByApplication()) {
                holdUnconfirmed();
            }
        });
        if (channel instanceof Recoverable recoverable) {
            recoverable.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recovered) {
                    resendHeld();
                }

                @Override
                public void handleRecoveryStarted(Recoverable recovering) {
                    // nothing to do before the channel is back
                }
            });
        }
    }

    /** Blocks while a nack backoff lasts, so a refused client slows down instead of hammering a full queue. */
    void awaitTurn() throws InterruptedException {
        long wait = pausedUntilNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /**
     * Publishes one batch and counts a send for each of its queries; true when the broker has it
     * to confirm, false when it is held for recovery.
     */
    boolean publish(List<ClientQuery> queries, AMQP.BasicProperties properties, byte[] body) {
        // A copy: the caller reuses its list, and the confirm may come long after this returns.
        List<ClientQuery> batch = List.copyOf(queries);
        if (!channel.isOpen()) {
            hold(batch);
            return false;
        }
        long sequence = channel.getNextPublishSeqNo();
        // Counted and tracked before the publish: its confirm may arrive before basicPublish returns.
        for (ClientQuery query : batch) {
            query.sends++;
        }
        unconfirmed.put(sequence, batch);
        try {
            channel.basicPublish("", queue, true, properties, body);
            return true;
        } catch (IOException | AlreadyClosedException e) {
            if (unconfirmed.remove(sequence) != null) {
                uncount(batch);
                hold(batch);
            }
            return false;
        }
    }

    private static void uncount(List<ClientQuery> batch) {
        for (ClientQuery query : batch) {
            query.sends--;
        }
    }

    private void hold(List<ClientQuery> batch) {
        // Through a long outage only the queries still awaited are kept: held stays within the in-flight window.
        held.removeIf(query -> query.answer.isDone());
        for (ClientQuery query : batch) {
            query.generation++;
            if (held.add(query)) {
                counters.unpublished.increment();
            }
        }
        if (channel.isOpen()) {
            // The channel came back between the failure and now; recovery will not call again.
            resendHeld();
        }
    }

    private void holdUnconfirmed() {
        int before = held.size();
        for (Map.Entry<Long, List<ClientQuery>> entry = unconfirmed.pollFirstEntry(); entry != null; entry = unconfirmed.pollFirstEntry()) {
            uncount(entry.getValue());
            for (ClientQuery query : entry.getValue()) {
                query.generation++;
                if (held.add(query)) {
                    counters.unpublished.increment();
                }
            }
        }
        LOG.warn("connection to the broker lost; {} unconfirmed queries held to be sent again on recovery", held.size() - before);
    }

    private void resendHeld() {
        List<ClientQuery> again = new ArrayList<>(held);
        held.removeAll(again);
        again.removeIf(query -> query.answer.isDone());
        if (!again.isEmpty()) {
            LOG.info("connection recovered; sending {} held queries again", again.size());
        }
        again.forEach(sendAgain);
    }

    private void returned(Return returned) {
        int queries = batchSizeOf(returned.getProperties());
        counters.unroutable.add(queries);
        LOG.warn("the broker could not route {} queries to {} ({} {}): is RS running in this namespace?",
                queries, queue, returned.getReplyCode(), returned.getReplyText());
    }

    private int batchSizeOf(AMQP.BasicProperties properties) {
        Object size = properties.getHeaders() == null ? null : properties.getHeaders().get(BATCH_SIZE_HEADER);
        return size instanceof Number number ? number.intValue() : 1;
    }

    /** Carries the number of queries in a message, so a return is counted per query without decoding the body. */
    static final String BATCH_SIZE_HEADER = "x-queries";

    private final class Confirms implements ConfirmListener {
        @Override
        public void handleAck(long sequence, boolean multiple) {
            take(sequence, multiple);
            backoffMillis = 0;
        }

        @Override
        public void handleNack(long sequence, boolean multiple) {
            List<ClientQuery> refused = new ArrayList<>();
            for (List<ClientQuery> batch : take(sequence, multiple)) {
                refused.addAll(batch);
            }
            backoffMillis = backoffMillis == 0 ? FIRST_BACKOFF_MILLIS : Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
            long now = System.nanoTime();
            pausedUntilNanos = now + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
            counters.refused.add(refused.size());
            if (now - lastRefusalLogNanos > TimeUnit.SECONDS.toNanos(1)) {
                lastRefusalLogNanos = now;
                LOG.warn("{} is full and refused {} queries (overload; {} refused so far); backing off {} ms",
                        queue, refused.size(), counters.refused(), backoffMillis);
            }
            uncount(refused);
            for (ClientQuery query : refused) {
                query.generation++;
                sendAgain.accept(query);
            }
        }

        private List<List<ClientQuery>> take(long sequence, boolean multiple) {
            if (!multiple) {
                List<ClientQuery> batch = unconfirmed.remove(sequence);
                return batch == null ? List.of() : List.of(batch);
            }
            Map<Long, List<ClientQuery>> confirmed = unconfirmed.headMap(sequence, true);
            List<List<ClientQuery>> batches = new ArrayList<>(confirmed.values());
            confirmed.clear();
            return batches;
        }
    }
}
