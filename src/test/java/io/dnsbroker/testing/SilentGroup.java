package io.dnsbroker.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.broker.Messages;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.AnswerBatch;
import io.dnsbroker.protocol.Codec;
import io.dnsbroker.protocol.MalformedMessageException;
import io.dnsbroker.protocol.Query;
import io.dnsbroker.protocol.QueryBatch;
import io.dnsbroker.dns.Status;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving TS of a group: takes every query and acks it, then answers NXDOMAIN after
 * {@code delayMillis}, or never when the delay is negative.
 */
public final class SilentGroup implements AutoCloseable {
    public final AtomicInteger taken = new AtomicInteger();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    public SilentGroup(BrokerConnection connection, String group, long delayMillis) throws IOException {
        Channel channel = connection.createChannel();
        connection.onChannel(c -> {
            connection.topology().declareGroupQueue(c, group);
            return null;
        });
        channel.basicConsume(connection.topology().groupQueue(group), false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
                QueryBatch batch;
                try {
                    batch = Codec.decodeQueries(body);
                } catch (MalformedMessageException e) {
                    throw new IOException(e);
                }
                taken.addAndGet(batch.queries().size());
                channel.basicAck(envelope.getDeliveryTag(), false);
                if (delayMillis < 0) {
                    return;
                }
                List<Answer> answers = new ArrayList<>();
                for (Query query : batch.queries()) {
                    answers.add(Answer.of(query.id(), Status.NXDOMAIN));
                }
                // The reply keeps the queries' deadline in its header but outlives it, as a late reply does.
                AMQP.BasicProperties late = new AMQP.BasicProperties.Builder()
                        .contentType(Codec.CONTENT_TYPE)
                        .correlationId(properties.getCorrelationId())
                        .expiration(connection.flavor().expiration(System.currentTimeMillis() + 5_000, System.currentTimeMillis()))
                        .headers(Map.of(Messages.DEADLINE_HEADER, batch.latestDeadline()))
                        .build();
                later.schedule(() -> {
                    channel.basicPublish("", properties.getReplyTo(), late, Codec.encode(new AnswerBatch(group, answers)));
                    return null;
                }, delayMillis, TimeUnit.MILLISECONDS);
            }
        });
    }

    @Override
    public void close() {
        later.shutdownNow();
    }
}
