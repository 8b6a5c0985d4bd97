package io.dnsbroker;

import io.dnsbroker.testing.RabbitMqOnly;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dnsbroker.broker.QueueType;
import io.dnsbroker.client.ClientSettings;
import io.dnsbroker.client.ResolverClient;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Status;
import io.dnsbroker.testing.Deployment;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** --queue-type quorum on the single test broker: quorum queues work on one node too. */
@RabbitMqOnly("quorum queues")
class QuorumQueuesIT {
    private static final String MANAGEMENT = System.getenv().getOrDefault("MANAGEMENT_URL", "http://127.0.0.1:15672");

    @Test
    void theWorkQueuesAreQuorumQueuesAndTheResolverAnswersOverThem() throws Exception {
        try (Deployment d = new Deployment(QueueType.QUORUM, "ts1", "ts2")) {
            d.ts("ts1", Deployment.table("www.ibm.com 64.42.23.245"));
            d.ts("ts2", Deployment.table("www.rutgers.edu 128.6.4.2"));
            d.rs();
            ResolverClient client = d.client(new ClientSettings());
            assertEquals(Status.NOERROR, client.resolve("www.rutgers.edu", RecordType.A).get().status());
            assertEquals(Status.NXDOMAIN, client.resolve("nowhere.example", RecordType.A).get().status());
            for (String queue : new String[]{d.topology().rsQueue(), d.topology().groupQueue("ts1"), d.topology().deadLetterQueue()}) {
                assertEquals("quorum", queueInfo(queue).path("type").asText(), queue);
            }
        }
    }

    @Test
    void aGroupThatNeverHadAWorkerIsUnavailableAtOnceWithQuorumQueuesToo() throws Exception {
        try (Deployment d = new Deployment(QueueType.QUORUM, "ts1", "ts2")) {
            d.ts("ts1", Deployment.table("www.ibm.com 64.42.23.245"));
            d.rs();
            ResolverClient client = d.client(new ClientSettings());
            assertEquals(Status.SERVFAIL, client.resolve("www.rutgers.edu", RecordType.A).get().status());
        }
    }

    private static JsonNode queueInfo(String queue) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(MANAGEMENT + "/api/queues/%2F/" + URLEncoder.encode(queue, StandardCharsets.UTF_8)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body());
    }
}
