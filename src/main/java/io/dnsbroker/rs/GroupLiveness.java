package io.dnsbroker.rs;

import com.rabbitmq.client.Channel;
import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.broker.QueueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which TS groups have no consumer on their queue, refreshed on a timer so the per-query path only
 * reads a field. A group with no consumer cannot answer: RS answers SERVFAIL for it at once.
 *
 * <p>A quorum queue whose leader does not answer within 250 ms (an election after a lost node, a
 * busy broker) reports zero consumers rather than an error (RabbitMQ's rabbit_quorum_queue:stat/2),
 * so with quorum queues a group that had consumers counts as dead only once its queue has said
 * zero for {@link #QUORUM_ZERO_GRACE_MS} in a row.
 */
final class GroupLiveness implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupLiveness.class);
    static final long QUORUM_ZERO_GRACE_MS = 3_000;

    private final BrokerConnection connection;
    private final List<String> queues;
    private final long zeroGraceMillis;
    /** When each group's queue first said zero consumers in a row; 0 while it has some. Timer thread only. */
    private final long[] zeroSince;
    private final ScheduledExecutorService timer;
    private Channel channel;
    private volatile int deadGroups;

    GroupLiveness(BrokerConnection connection, List<String> groups, long intervalMillis) throws IOException {
        this.connection = connection;
        this.queues = groups.stream().map(connection.topology()::groupQueue).toList();
        this.zeroGraceMillis = connection.topology().queueType() == QueueType.QUORUM ? QUORUM_ZERO_GRACE_MS : 0;
        this.zeroSince = new long[groups.size()];
        this.channel = connection.createChannel();
        refresh(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rs-liveness");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::refreshQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Bit i set when group i had no consumer at the last refresh. */
    int deadGroups() {
        return deadGroups;
    }

    void refresh() throws IOException {
        refresh(false);
    }

    private void refresh(boolean atStart) throws IOException {
        long now = System.currentTimeMillis();
        int dead = 0;
        for (int i = 0; i < queues.size(); i++) {
            if (consumers(queues.get(i)) > 0) {
                zeroSince[i] = 0;
                continue;
            }
            if (zeroSince[i] == 0) {
                // At start there is no earlier view to keep: a group without consumers is dead at once.
                zeroSince[i] = atStart ? now - zeroGraceMillis : now;
            }
            if (now - zeroSince[i] >= zeroGraceMillis) {
                dead |= 1 << i;
            }
        }
        if (dead != deadGroups) {
            LOG.info("groups without consumers now: {}", describe(dead));
        }
        deadGroups = dead;
    }

    private int consumers(String queue) throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = connection.createChannel();
        }
        try {
            return channel.queueDeclarePassive(queue).getConsumerCount();
        } catch (IOException e) {
            // A missing queue closes the channel; it has no consumer either way.
            channel = null;
            return 0;
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (IOException | RuntimeException e) {
            LOG.debug("liveness refresh failed, keeping the last view: {}", e.toString());
        }
    }

    private String describe(int dead) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < queues.size(); i++) {
            if ((dead & (1 << i)) != 0) {
                names.append(names.length() == 0 ? "" : ", ").append(queues.get(i));
            }
        }
        return names.length() == 0 ? "none" : names.toString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
