package io.dnsbroker.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Publishes on one channel with publisher confirms and keeps every message until the broker
 * confirms it. Automatic recovery does not resend what a lost node swallowed, so when the channel
 * recovers (onto another node) this sends again every message that was never confirmed, and every
 * message that could not be sent while the channel was down. A message the broker refuses (a
 * quorum queue losing a member refuses what it could not replicate) goes again a few times.
 * Receivers drop the duplicates this may make by correlation id.
 */
public final class ConfirmedPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(ConfirmedPublisher.class);

    /** Times a refused message goes again before it is given up, so a broker refusing for good cannot loop us. */
    static final int ATTEMPTS = 3;
    /** Refused messages go again from here: the confirm callback runs on the connection's reading thread. */
    private static final ExecutorService RESENDER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "publisher-resend");
        thread.setDaemon(true);
        return thread;
    });

    private record Message(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body, int attempt) {
        Message again() {
            return new Message(exchange, routingKey, properties, body, attempt + 1);
        }
    }

    private final Channel channel;
    /** Sent on the current channel, by publish sequence number, until confirmed. */
    private final ConcurrentSkipListMap<Long, Message> unconfirmed = new ConcurrentSkipListMap<>();
    /** Not sent because the channel was down; guarded by this. */
    private final List<Message> held = new ArrayList<>();

    public ConfirmedPublisher(Channel channel) throws IOException {
        this.channel = channel;
        channel.confirmSelect();
        channel.addConfirmListener((seq, multiple) -> settle(seq, multiple), this::refused);
        if (channel instanceof Recoverable recoverable) {
            recoverable.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recovered) {
                    resend();
                }

                @Override
                public void handleRecoveryStarted(Recoverable recovering) {
                    // nothing to resend until the channel is back
                }
            });
        }
    }

    public Channel channel() {
        return channel;
    }

    /** Sends now, or after recovery when the channel is down; never throws for a lost connection. */
    public synchronized void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        send(new Message(exchange, routingKey, properties, body, 1));
    }

    /** Messages sent and not confirmed yet, plus those waiting for the channel to come back. */
    public synchronized int outstanding() {
        return unconfirmed.size() + held.size();
    }

    private void send(Message message) {
        long seq = channel.getNextPublishSeqNo();
        // A number already taken means the channel recovered and this runs before resend():
        // the earlier holder was never confirmed on the lost channel and goes again.
        Message earlier = unconfirmed.put(seq, message);
        try {
            channel.basicPublish(message.exchange, message.routingKey, message.properties, message.body);
        } catch (IOException | ShutdownSignalException e) {
            unconfirmed.remove(seq, message);
            held.add(message);
            if (earlier != null) {
                held.add(earlier);
            }
            return;
        }
        if (earlier != null) {
            send(earlier);
        }
    }

    private void settle(long seq, boolean multiple) {
        if (multiple) {
            unconfirmed.headMap(seq, true).clear();
        } else {
            unconfirmed.remove(seq);
        }
    }

    private void refused(long seq, boolean multiple) {
        List<Message> refused = new ArrayList<>(multiple ? unconfirmed.headMap(seq, true).values() : nullable(unconfirmed.get(seq)));
        settle(seq, multiple);
        for (Message message : refused) {
            if (message.attempt < ATTEMPTS) {
                RESENDER.execute(() -> publishAgain(message.again()));
            } else {
                LOG.warn("the broker refused a message to '{}' {} times; its queries end TIMED OUT", message.routingKey, ATTEMPTS);
            }
        }
    }

    private synchronized void publishAgain(Message message) {
        send(message);
    }

    private static List<Message> nullable(Message message) {
        return message == null ? List.of() : List.of(message);
    }

    private synchronized void resend() {
        List<Message> again = new ArrayList<>(held);
        again.addAll(unconfirmed.values());
        held.clear();
        unconfirmed.clear();
        for (Message message : again) {
            send(message);
        }
        if (!again.isEmpty()) {
            LOG.info("resent {} message(s) the lost connection never confirmed", again.size());
        }
    }
}
