package io.dnsbroker.rs;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import io.dnsbroker.broker.BrokerConnection;
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
 */
final class GroupLiveness implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupLiveness.class);

    private final BrokerConnection connection;
    private final List<String> queues;
    private final ScheduledExecutorService timer;
    private Channel channel;
    private volatile int deadGroups;

    GroupLiveness(BrokerConnection connection, List<String> groups, long intervalMillis) throws IOException {
        this.connection = connection;
        this.queues = groups.stream().map(connection.topology()::groupQueue).toList();
        this.channel = connection.createChannel();
        refresh();
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
        int dead = 0;
        for (int i = 0; i < queues.size(); i++) {
            if (consumers(queues.get(i)) == 0) {
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
            channel = null;
            // A missing queue has no consumer. Any other failure says nothing about consumers
            // (a quorum queue electing a new leader after a lost node): keep the last view.
            if (notFound(e)) {
                return 0;
            }
            throw e;
        }
    }

    private static boolean notFound(IOException e) {
        return e.getCause() instanceof ShutdownSignalException signal
                && signal.getReason() instanceof AMQP.Channel.Close close
                && close.getReplyCode() == AMQP.NOT_FOUND;
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
