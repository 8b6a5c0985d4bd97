package io.dnsbroker;

import io.dnsbroker.testing.RabbitMqOnly;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dnsbroker.client.ClientSettings;
import io.dnsbroker.client.ResolverClient;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.rs.RsMetrics;
import io.dnsbroker.rs.RsSettings;
import io.dnsbroker.testing.Deployment;
import io.dnsbroker.testing.SilentGroup;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client whose connection the broker drops while its queries are in flight: the exclusive reply
 * queue goes with the connection, so the answers RS sends there are lost. After recovery the client
 * must read from a new reply queue and ask again, and every query still gets its real answer.
 * Drops the connection through the management API of the test broker (the local one here).
 */
@RabbitMqOnly("closing connections through the management HTTP API")
class ReplyQueueLossIT {
    private static final String MANAGEMENT = System.getenv().getOrDefault("MANAGEMENT_URL", "http://127.0.0.1:15672");
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
    private static final Duration DEADLINE = Duration.ofSeconds(8);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void queriesInFlightWhenTheReplyQueueDiesAreAnsweredAfterRecovery() throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", Deployment.table("www.ibm.com 64.42.23.245"));
            // ts2 answers "not here" two seconds late, so every query is still in flight when the connection drops.
            try (SilentGroup slow = new SilentGroup(d.connection("ts2"), "ts2", 2_000)) {
                d.rs(new RsSettings().timeout(DEADLINE), RsMetrics.NONE);
                String role = "client-" + UUID.randomUUID().toString().substring(0, 8);
                ResolverClient client = ResolverClient.start(d.connection(role), new ClientSettings().timeout(DEADLINE));
                String connection = connectionName(role);
                List<CompletableFuture<Answer>> answers = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    answers.add(client.resolve("nowhere" + i + ".example", RecordType.A));
                }
                while (slow.taken.get() < answers.size()) {
                    Thread.sleep(5);
                }
                send(HttpRequest.newBuilder(URI.create(MANAGEMENT + "/api/connections/" + connection)).DELETE());
                for (CompletableFuture<Answer> answer : answers) {
                    assertEquals(Status.NXDOMAIN, answer.get().status(), "asked again after recovery, answered for real");
                }
                assertTrue(slow.taken.get() >= 100, "the queries went to the groups twice: " + slow.taken.get());
                assertEquals(0, client.pendingCount());
            }
        }
    }

    /** The broker's name, URL-encoded, of the connection whose client-provided name starts with {@code role}. */
    private String connectionName(String role) throws Exception {
        long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < giveUp) {
            JsonNode connections = new ObjectMapper().readTree(send(HttpRequest.newBuilder(URI.create(MANAGEMENT + "/api/connections")).GET()));
            for (JsonNode connection : connections) {
                if (connection.path("client_properties").path("connection_name").asText().startsWith(role + "-")) {
                    return URLEncoder.encode(connection.path("name").asText(), StandardCharsets.UTF_8).replace("+", "%20");
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the management API never listed connection " + role);
    }

    private String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.header("Authorization", AUTH).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, response.statusCode() + " " + response.body());
        return response.body();
    }
}
