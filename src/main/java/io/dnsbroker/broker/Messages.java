package io.dnsbroker.broker;

import com.rabbitmq.client.AMQP;
import io.dnsbroker.protocol.Codec;
import io.dnsbroker.protocol.MalformedMessageException;
import io.dnsbroker.protocol.QueryBatch;

import java.util.Map;

/** The AMQP properties every hop sets: JSON content, correlation, and the expiry that travels with the message. */
public final class Messages {
    /** The absolute deadline (epoch ms) of the latest query in the message, for the next hop. */
    public static final String DEADLINE_HEADER = "x-deadline";

    private Messages() {
    }

    public static AMQP.BasicProperties properties(BrokerFlavor flavor, String correlationId, String replyTo, long deadline, long now) {
        return new AMQP.BasicProperties.Builder()
                .contentType(Codec.CONTENT_TYPE)
                .correlationId(correlationId)
                .replyTo(replyTo)
                .expiration(flavor.expiration(deadline, now))
                .headers(Map.of(DEADLINE_HEADER, deadline))
                .build();
    }

    /**
     * The queries of a message that asks for answers: a call needs a {@code replyTo} to answer to,
     * or it is malformed (and dead-lettered) like a body that does not parse.
     */
    public static QueryBatch queries(AMQP.BasicProperties properties, byte[] body) throws MalformedMessageException {
        QueryBatch batch = Codec.decodeQueries(body);
        if (properties.getReplyTo() == null || properties.getReplyTo().isEmpty()) {
            throw new MalformedMessageException("no replyTo");
        }
        return batch;
    }

    /** The deadline header of a message, or {@code fallback} when it has none. */
    public static long deadline(AMQP.BasicProperties properties, long fallback) {
        Map<String, Object> headers = properties.getHeaders();
        Object value = headers == null ? null : headers.get(DEADLINE_HEADER);
        return value instanceof Number number ? number.longValue() : fallback;
    }
}
