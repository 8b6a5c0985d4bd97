package io.dnsbroker.faults;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.broker.Messages;
import io.dnsbroker.protocol.Codec;
import io.dnsbroker.protocol.Query;
import io.dnsbroker.protocol.QueryBatch;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A flood of valid queries into the RS queue from a publisher that never waits for answers (its
 * replyTo names no queue, so RS's answers are dropped), with publisher confirms so the queries
 * the broker refuses at the edge are counted.
 */
final class Flood {
    private static final int BATCH = 100;

    final AtomicLong offered = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    private final ConcurrentNavigableMap<Long, Integer> unconfirmed = new ConcurrentSkipListMap<>();

    /** Publishes {@code perSecond} queries a second for {@code length}, then waits for the last confirms. */
    void run(BrokerConnection connection, KnownNames names, int perSecond, Duration length) throws IOException, InterruptedException {
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        channel.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long sequence, boolean multiple) {
                confirmed(sequence, multiple, accepted);
            }

            @Override
            public void handleNack(long sequence, boolean multiple) {
                confirmed(sequence, multiple, refused);
            }
        });
        String nowhere = connection.topology().namespace() + ".flood-answers-nowhere";
        // Bodies made up front, so the flood is as fast as the broker takes it, not as fast as JSON is written.
        long deadline = System.currentTimeMillis() + length.toMillis() + 5_000;
        List<byte[]> bodies = new ArrayList<>();
        for (int body = 0; body < 10; body++) {
            List<Query> queries = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                queries.add(new Query("flood-" + body + "-" + i, names.name((long) body * BATCH + i), "A", deadline));
            }
            bodies.add(Codec.encode(new QueryBatch(queries)));
        }
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) * BATCH / perSecond;
        long end = System.nanoTime() + length.toNanos();
        long next = System.nanoTime();
        for (int message = 0; System.nanoTime() < end; message++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            next += intervalNanos;
            unconfirmed.put(channel.getNextPublishSeqNo(), BATCH);
            channel.basicPublish("", connection.topology().rsQueue(),
                    Messages.properties(connection.flavor(), "flood-" + message, nowhere, deadline, System.currentTimeMillis()),
                    bodies.get(message % bodies.size()));
            offered.addAndGet(BATCH);
        }
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!unconfirmed.isEmpty() && System.nanoTime() < giveUp) {
            Thread.sleep(20);
        }
    }

    private void confirmed(long sequence, boolean multiple, AtomicLong counter) {
        if (multiple) {
            var head = unconfirmed.headMap(sequence, true);
            head.values().forEach(counter::addAndGet);
            head.clear();
        } else {
            Integer queries = unconfirmed.remove(sequence);
            if (queries != null) {
                counter.addAndGet(queries);
            }
        }
    }
}
