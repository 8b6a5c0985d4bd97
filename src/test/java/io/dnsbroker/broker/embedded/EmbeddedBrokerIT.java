package io.dnsbroker.broker.embedded;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.dnsbroker.broker.BrokerFlavor;
import io.dnsbroker.broker.Messages;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class EmbeddedBrokerIT {
    @Test
    void scratch() throws Exception {
        long t0 = System.nanoTime();
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            System.err.println("started in " + broker.startMillis() + " ms at " + broker.uri() + " threads " + Thread.activeCount());
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(broker.uri());
            try (Connection c = f.newConnection("scratch")) {
                System.err.println(c.getServerProperties());
                Channel ch = c.createChannel();
                String q = ch.queueDeclare("", false, true, true, java.util.Map.of("x-dead-letter-exchange", "nope")).getQueue();
                long now = System.currentTimeMillis();
                BrokerFlavor fl = BrokerFlavor.of(c.getServerProperties());
                ch.basicPublish("", q, Messages.properties(fl, "c", null, now + 300, now), "hi".getBytes(StandardCharsets.UTF_8));
                ch.basicPublish("", q, Messages.properties(fl, "c", null, now + 300, now), "hi".getBytes(StandardCharsets.UTF_8));
                ch.basicPublish("", q, Messages.properties(BrokerFlavor.RABBITMQ, "c", null, now + 300, now), "hi".getBytes(StandardCharsets.UTF_8));
                Thread.sleep(50);
                System.err.println("count " + ch.messageCount(q));
                GetResponse r = ch.basicGet(q, true);
                System.err.println("got " + r);
                Thread.sleep(500);
                System.err.println("after " + ch.basicGet(q, true) + " count " + ch.messageCount(q));
                Channel ch2 = c.createChannel();
                ch2.exchangeDeclare("x.dlx", "headers", true);
                ch2.queueDeclare("x.dlq", true, false, false, java.util.Map.of("x-max-length", 10, "x-overflow", "drop-head"));
                ch2.queueBind("x.dlq", "x.dlx", "", java.util.Map.of("x-match", "all-with-x", "x-first-death-reason", "rejected"));
                System.err.println("headers bind ok");
                ch2.queueDelete("x.dlq");
                ch2.exchangeDelete("x.dlx");
                ch2.queueDelete("nonexistent");
                System.err.println("delete nonexistent ok " + ch2.isOpen());
                ch2.exchangeDelete("nonexistent");
                System.err.println("delete nonexistent ex ok " + ch2.isOpen());
            }
        }
        Thread.sleep(200);
        System.err.println("threads after " + Thread.activeCount());
        Thread.getAllStackTraces().keySet().forEach(t -> System.err.println("  " + t.getName()));
    }
}
