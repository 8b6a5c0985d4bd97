package io.dnsbroker.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.broker.Connections;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The floor under our latency: one client, one server, one reply queue, one call at a time,
 * over the same broker with the same message size, acked as our roles ack (requests acked, replies
 * taken without acks from an exclusive queue). No JSON, no lookup, no fan-out: what a request and
 * its reply cost through the broker and nothing else.
 */
final class BareRpc {
    private static final int WARM_UP = 500;

    private BareRpc() {
    }

    static Histogram run(Connections connections, int messageBytes, int roundTrips) throws IOException, InterruptedException {
        Histogram latency = new Histogram(3);
        try (BrokerConnection server = connections.open("bench-rpc-server");
             BrokerConnection client = connections.open("bench-rpc-client")) {
            Channel serverChannel = server.createChannel();
            String requests = serverChannel.queueDeclare("", false, true, true, null).getQueue();
            serverChannel.basicQos(100);
            serverChannel.basicConsume(requests, false, new DefaultConsumer(serverChannel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
                    AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder().correlationId(properties.getCorrelationId()).build();
                    getChannel().basicPublish("", properties.getReplyTo(), reply, body);
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                }
            });

            Channel clientChannel = client.createChannel();
            String replies = clientChannel.queueDeclare("", false, true, true, null).getQueue();
            BlockingQueue<String> arrived = new ArrayBlockingQueue<>(1);
            clientChannel.basicConsume(replies, true, new DefaultConsumer(clientChannel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    arrived.add(properties.getCorrelationId());
                }
            });
            Channel publisher = client.createChannel();
            byte[] body = new byte[messageBytes];
            for (int i = 0; i < WARM_UP + roundTrips; i++) {
                String id = Integer.toString(i);
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().correlationId(id).replyTo(replies).build();
                long start = System.nanoTime();
                publisher.basicPublish("", requests, properties, body);
                String answered = arrived.poll(10, TimeUnit.SECONDS);
                if (!id.equals(answered)) {
                    throw new IOException("bare RPC round trip " + i + " got no reply within 10 s");
                }
                if (i >= WARM_UP) {
                    latency.recordValue((System.nanoTime() - start) / 1_000);
                }
            }
        }
        return latency;
    }
}
