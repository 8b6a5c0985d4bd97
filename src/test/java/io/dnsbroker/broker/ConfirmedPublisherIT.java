package io.dnsbroker.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.dnsbroker.testing.Deployment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConfirmedPublisherIT {
    private static final AMQP.BasicProperties PLAIN = new AMQP.BasicProperties();

    @Test
    void everyMessageIsKeptUntilTheBrokerConfirmsIt() throws Exception {
        try (Deployment d = new Deployment()) {
            BrokerConnection connection = d.connection("publisher");
            String queue = connection.onChannel(c -> c.queueDeclare("", false, false, true, null).getQueue());
            ConfirmedPublisher publisher = new ConfirmedPublisher(connection.createChannel());
            for (int i = 0; i < 200; i++) {
                publisher.publish("", queue, PLAIN, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            publisher.channel().waitForConfirmsOrDie(10_000);
            assertEquals(0, publisher.outstanding(), "confirmed messages are let go");
            assertEquals(200L, (long) connection.onChannel(c -> c.messageCount(queue)));
        }
    }

    @Test
    void aMessageThatCannotGoOutIsHeldInsteadOfThrown() throws Exception {
        try (Deployment d = new Deployment()) {
            BrokerConnection connection = d.connection("publisher");
            Channel channel = connection.createChannel();
            ConfirmedPublisher publisher = new ConfirmedPublisher(channel);
            channel.close();
            publisher.publish("", "nowhere", PLAIN, "m".getBytes(StandardCharsets.UTF_8));
            assertEquals(1, publisher.outstanding(), "held for the channel's recovery");
        }
    }
}
