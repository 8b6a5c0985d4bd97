package io.dnsbroker.rs;

import io.dnsbroker.broker.BrokerFlavor;
import io.dnsbroker.broker.ConfirmedPublisher;
import io.dnsbroker.broker.Messages;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.AnswerBatch;
import io.dnsbroker.protocol.Codec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers gathered while handling one delivery (or one expiry round), sent as one batch per
 * client reply queue when the handling ends. Not thread-safe: one per handler invocation.
 */
final class ClientReplies {
    /** Answers stay readable this long past their query's deadline: the client waits a grace for them. */
    static final long ANSWER_GRACE_MS = 1_000;

    private final Map<String, List<Answer>> byReplyQueue = new HashMap<>(4);
    private final Map<String, Long> latestDeadline = new HashMap<>(4);

    void add(String replyTo, Answer answer, long deadline) {
        byReplyQueue.computeIfAbsent(replyTo, q -> new ArrayList<>()).add(answer);
        latestDeadline.merge(replyTo, deadline, Math::max);
    }

    boolean isEmpty() {
        return byReplyQueue.isEmpty();
    }

    void send(ConfirmedPublisher publisher, BrokerFlavor flavor) {
        long now = System.currentTimeMillis();
        for (Map.Entry<String, List<Answer>> entry : byReplyQueue.entrySet()) {
            String replyTo = entry.getKey();
            long expiresAt = Math.max(latestDeadline.get(replyTo), now) + ANSWER_GRACE_MS;
            publisher.publish("", replyTo, Messages.properties(flavor, null, null, expiresAt, now),
                    Codec.encode(new AnswerBatch(null, entry.getValue())));
        }
        byReplyQueue.clear();
        latestDeadline.clear();
    }
}
