package io.dnsbroker.broker;

import com.rabbitmq.client.Channel;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Acknowledges a consumer's deliveries several at a time ({@code multiple=true}): once
 * {@link #EVERY} are handled, and otherwise within {@link #LINGER_MS}, so a trickle is acked
 * promptly too. One ack frame instead of one per message saves the broker and the client a
 * frame each per message; an unacked delivery only holds a prefetch slot a moment longer. A
 * delivery is counted handled after its reply is published, as a single ack would be sent.
 */
public final class BatchedAcks implements AutoCloseable {
    static final int EVERY = 32;
    static final long LINGER_MS = 5;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ack-flusher");
        thread.setDaemon(true);
        return thread;
    });

    private final Channel channel;
    private final ScheduledFuture<?> flusher;
    /** Delivery tags come in order on a channel; guarded by this. */
    private long handled;
    private long acked;
    private boolean closed;

    public BatchedAcks(Channel channel) {
        this.channel = channel;
        this.flusher = TIMER.scheduleWithFixedDelay(this::flushQuietly, LINGER_MS, LINGER_MS, TimeUnit.MILLISECONDS);
    }

    /** The delivery is done with; it is acked with the next batch. */
    public synchronized void handled(long deliveryTag) throws IOException {
        handled = Math.max(handled, deliveryTag);
        if (handled - acked >= EVERY || closed) {
            flush();
        }
    }

    /** Rejects one delivery (dead-lettered), after acking those handled before it. */
    public synchronized void reject(long deliveryTag) throws IOException {
        flush();
        channel.basicReject(deliveryTag, false);
        acked = Math.max(acked, deliveryTag);
        handled = Math.max(handled, deliveryTag);
    }

    public synchronized void flush() throws IOException {
        if (handled > acked && channel.isOpen()) {
            channel.basicAck(handled, true);
            acked = handled;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(BatchedAcks.class).debug("ack flush failed, the broker redelivers: {}", e.toString());
        }
    }

    /** Acks what was handled and stops the timer; a delivery still in hand is acked as it ends. */
    @Override
    public void close() {
        flusher.cancel(false);
        synchronized (this) {
            closed = true;
        }
        flushQuietly();
    }
}
