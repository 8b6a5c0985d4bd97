package io.dnsbroker.ops;

import io.dnsbroker.testing.RabbitMqOnly;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.ShutdownSignalException;
import io.dnsbroker.broker.BrokerConnection;
import io.dnsbroker.broker.Connections;
import io.dnsbroker.broker.Topology;
import io.dnsbroker.client.ClientSettings;
import io.dnsbroker.client.ResolverClient;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.rs.RootServer;
import io.dnsbroker.rs.RsMetrics;
import io.dnsbroker.rs.RsSettings;
import io.dnsbroker.testing.Deployment;
import io.dnsbroker.testing.ManagementApi;
import io.dnsbroker.testing.TestBroker;
import io.dnsbroker.ts.TopLevelServer;
import io.dnsbroker.ts.TsMetrics;
import io.dnsbroker.ts.TsSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dnsbroker.testing.ManagementApi.segment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loads ops/rabbitmq/definitions.json into a throwaway vhost under throwaway user names, runs
 * every role as its own least-privilege user, and proves what the client user may not do. Each
 * role's declarations meeting the definitions' queues also proves the arguments agree: a
 * mismatch fails the declare with PRECONDITION_FAILED.
 */
@RabbitMqOnly("users, permissions and policies through the management HTTP API")
class LeastPrivilegeIT {
    private static final Path DEFINITIONS = Path.of("ops/rabbitmq/definitions.json");
    private static final int ACCESS_REFUSED = 403;
    private static final String PASSWORD = "lp-" + UUID.randomUUID();

    @Test
    void everyRoleWorksWithItsOwnPermissionsAndTheClientCannotReachTheTsSide() throws Exception {
        ManagementApi api = ManagementApi.forTestBroker();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String vhost = "dnsbroker-lp-" + suffix;
        String prefix = "lp" + suffix + "-";
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            api.put("/api/vhosts/" + segment(vhost), Map.of());
            api.post("/api/definitions", definitionsFor(vhost, prefix));
            for (String user : List.of("client", "ts", "rs")) {
                api.put("/api/users/" + segment(prefix + user), Map.of("password", PASSWORD, "tags", ""));
            }
            TsSettings ts1 = new TsSettings().group("ts1");
            started.push(TopLevelServer.start(as(prefix + "ts", vhost).open("ts1"), ts1,
                    Deployment.table("www.ibm.com 64.42.23.245"), TsMetrics.NONE));
            started.push(TopLevelServer.start(as(prefix + "ts", vhost).open("ts2"), new TsSettings().group("ts2"),
                    Deployment.table("www.rutgers.edu 128.6.4.2"), TsMetrics.NONE));
            started.push(RootServer.start(as(prefix + "rs", vhost).open("rs"), new RsSettings(), RsMetrics.NONE));
            ResolverClient client = ResolverClient.start(as(prefix + "client", vhost).open("client"),
                    new ClientSettings().timeout(Duration.ofSeconds(5)));
            started.push(client);
            assertEquals(Status.NOERROR, client.resolve("www.ibm.com", RecordType.A).get().status());
            assertEquals(Status.NOERROR, client.resolve("www.rutgers.edu", RecordType.A).get().status());
            assertEquals(Status.NXDOMAIN, client.resolve("nowhere.example", RecordType.A).get().status());

            try (BrokerConnection intruder = as(prefix + "client", vhost).open("client")) {
                Channel consume = intruder.createChannel();
                IOException refused = assertThrows(IOException.class,
                        () -> consume.basicConsume("dns.ts.ts1", true, new DefaultConsumer(consume)));
                assertRefused(refused.getCause(), "consume from dns.ts.ts1");

                Channel publish = intruder.createChannel();
                publish.basicPublish("dns.ts", "", new AMQP.BasicProperties(), "{}".getBytes());
                // A refused publish closes the channel asynchronously: the next call on it sees why.
                Exception closed = assertThrows(Exception.class, () -> publish.queueDeclarePassive("dns.rs"));
                assertRefused(publish.getCloseReason() != null ? publish.getCloseReason() : closed.getCause(), "publish to dns.ts");
            }
            JsonNode bounded = api.await("/api/queues/" + segment(vhost) + "/dns.ts.ts1",
                    q -> "dns-bounded-work-queues".equals(q.path("policy").asText()), Duration.ofSeconds(30));
            assertEquals("reject-publish", bounded.path("effective_policy_definition").path("overflow").asText(), bounded.toString());
        } finally {
            while (!started.isEmpty()) {
                started.pop().close();
            }
            api.delete("/api/vhosts/" + segment(vhost));
            for (String user : List.of("client", "ts", "rs")) {
                api.delete("/api/users/" + segment(prefix + user));
            }
        }
    }

    /** The definitions file as written, moved to {@code vhost} and to prefixed user names. */
    static JsonNode definitionsFor(String vhost, String prefix) throws IOException {
        ObjectNode definitions = (ObjectNode) new ObjectMapper().readTree(DEFINITIONS.toFile());
        definitions.set("vhosts", new ObjectMapper().createArrayNode().add(new ObjectMapper().createObjectNode().put("name", vhost)));
        for (JsonNode user : definitions.withArray("users")) {
            ((ObjectNode) user).put("name", prefix + user.path("name").asText());
        }
        for (JsonNode permission : definitions.withArray("permissions")) {
            ((ObjectNode) permission).put("user", prefix + permission.path("user").asText());
        }
        for (String kind : List.of("permissions", "policies", "exchanges", "queues", "bindings")) {
            for (JsonNode item : (ArrayNode) definitions.withArray(kind)) {
                ((ObjectNode) item).put("vhost", vhost);
            }
        }
        return definitions;
    }

    private static Connections as(String user, String vhost) {
        URI broker = URI.create(TestBroker.uri());
        return new Connections("amqp://" + user + ":" + PASSWORD + "@" + broker.getHost() + ":" + broker.getPort() + "/" + segment(vhost),
                new Topology(Topology.DEFAULT_NAMESPACE));
    }

    private static void assertRefused(Throwable cause, String what) {
        assertTrue(cause instanceof ShutdownSignalException, what + " should be refused, got " + cause);
        AMQP.Channel.Close close = (AMQP.Channel.Close) ((ShutdownSignalException) cause).getReason();
        assertEquals(ACCESS_REFUSED, close.getReplyCode(), what + ": " + close.getReplyText());
    }
}
