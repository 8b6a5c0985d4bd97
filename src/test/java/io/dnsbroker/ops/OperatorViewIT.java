package io.dnsbroker.ops;

import io.dnsbroker.testing.RabbitMqOnly;
import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.dns.Table;
import io.dnsbroker.testing.Deployment;
import io.dnsbroker.testing.ManagementApi;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dnsbroker.testing.ManagementApi.segment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an operator sees in the management UI (through its HTTP API) while a deployment runs. */
@RabbitMqOnly("the management HTTP API and dead-lettering")
class OperatorViewIT {
    private static final Table TS1 = Deployment.table("www.ibm.com 64.42.23.245");
    private static final Table TS2 = Deployment.table("www.rutgers.edu 128.6.4.2");
    private static final Duration STATS_LAG = Duration.ofSeconds(30);

    @Test
    void queuesShowTheirConsumersConnectionsTheirNamesAndTheDeadLetterQueueItsMessage() throws Exception {
        ManagementApi api = ManagementApi.forTestBroker();
        try (Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", TS1);
            d.ts("ts1", TS1);
            d.ts("ts2", TS2);
            d.rs();
            BrokerConnection client = d.connection("client");
            byte[] garbage = "{\"queries\": not json".getBytes(StandardCharsets.UTF_8);
            client.onChannel(channel -> {
                channel.basicPublish("", d.topology().rsQueue(),
                        new AMQP.BasicProperties.Builder().contentType("application/json").replyTo("nobody").build(), garbage);
                return null;
            });

            String vhost = segment(api.vhost());
            JsonNode ts1 = api.await(queue(vhost, d.topology().groupQueue("ts1")), q -> q.path("consumers").asInt() == 2, STATS_LAG);
            JsonNode ts2 = api.await(queue(vhost, d.topology().groupQueue("ts2")), q -> q.path("consumers").asInt() == 1, STATS_LAG);
            JsonNode rs = api.await(queue(vhost, d.topology().rsQueue()), q -> q.path("consumers").asInt() == 1, STATS_LAG);

            List<String> ts1Names = consumerConnections(api, ts1);
            assertEquals(List.of("ts1-", "ts1-"), ts1Names.stream().map(OperatorViewIT::role).toList(),
                    "ts1's consumers come from connections named ts1-<host>: " + ts1Names);
            assertEquals(List.of("ts2-"), consumerConnections(api, ts2).stream().map(OperatorViewIT::role).toList());
            assertEquals(List.of("rs-"), consumerConnections(api, rs).stream().map(OperatorViewIT::role).toList());

            String deadLetters = queue(vhost, d.topology().deadLetterQueue());
            api.await(deadLetters, q -> q.path("messages").asInt() == 1, STATS_LAG);
            // "Get messages" in the UI: requeued, so reading does not consume it.
            JsonNode dead = api.post(deadLetters + "/get", Map.of("count", 5, "ackmode", "ack_requeue_true", "encoding", "auto"));
            assertEquals(1, dead.size(), "the rejected message is in the dead-letter queue: " + dead);
            JsonNode message = dead.get(0);
            assertEquals(new String(garbage, StandardCharsets.UTF_8), message.path("payload").asText());
            JsonNode headers = message.path("properties").path("headers");
            assertEquals("rejected", headers.path("x-first-death-reason").asText(), message.toString());
            assertEquals(d.topology().rsQueue(), headers.path("x-first-death-queue").asText(), message.toString());
        }
    }

    private static String queue(String vhost, String name) {
        return "/api/queues/" + vhost + "/" + segment(name);
    }

    /** The client-provided names of the connections consuming a queue, as the Connections tab shows them. */
    private static List<String> consumerConnections(ManagementApi api, JsonNode queue) throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode consumer : queue.path("consumer_details")) {
            String internal = consumer.path("channel_details").path("connection_name").asText();
            names.add(api.get("/api/connections/" + segment(internal)).path("client_properties").path("connection_name").asText());
        }
        return names;
    }

    private static String role(String connectionName) {
        return connectionName.substring(0, connectionName.indexOf('-') + 1);
    }
}
