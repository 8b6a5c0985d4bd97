package io.dnsbroker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The few calls the bench makes to the RabbitMQ management API: a virtual host of its own for
 * the run (so other users of the broker do not count in its figures), and that vhost's message
 * counters. The broker refreshes those counters every {@code collect_statistics_interval}
 * (5 s by default), so a final count is read once it has stopped moving for longer than that.
 */
final class ManagementApi {
    static final Duration STATISTICS_INTERVAL = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 3;

    private final URI base;
    private final String user;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the management API closes on an h2c upgrade request
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ManagementApi(URI base, String user, String password) {
        this.base = base;
        this.user = user;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The API at {@code managementUri}, or when that is blank at port 15672 of the AMQP URI's host, with its credentials. */
    static ManagementApi of(String amqpUri, String managementUri) {
        URI amqp = URI.create(amqpUri);
        String userInfo = amqp.getRawUserInfo() == null ? "guest:guest" : amqp.getRawUserInfo();
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        String base = managementUri == null || managementUri.isBlank() ? "http://" + amqp.getHost() + ":15672" : managementUri;
        return new ManagementApi(URI.create(base.endsWith("/") ? base : base + "/"), user, password);
    }

    /** The AMQP URI with its virtual host replaced by {@code vhost}. */
    static String withVhost(String amqpUri, String vhost) {
        try {
            URI amqp = new URI(amqpUri);
            String rebuilt = new URI(amqp.getScheme(), null, amqp.getHost(), amqp.getPort(), null, null, null).toString();
            String userInfo = amqp.getRawUserInfo() == null ? "" : amqp.getRawUserInfo() + "@";
            return rebuilt.replaceFirst("://", "://" + userInfo) + "/" + encode(vhost);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad AMQP URI: " + e.getMessage(), e);
        }
    }

    void createVhost(String vhost) throws IOException {
        send("PUT", "api/vhosts/" + encode(vhost), "{\"description\":\"dns-broker bench run, deleted after it\"}");
        send("PUT", "api/permissions/" + encode(vhost) + "/" + encode(user), "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
    }

    void deleteVhost(String vhost) throws IOException {
        send("DELETE", "api/vhosts/" + encode(vhost), null);
    }

    /** Messages delivered to consumers in the vhost so far, as the broker last counted them. */
    long deliveries(String vhost) throws IOException {
        JsonNode stats = JSON.readTree(send("GET", "api/vhosts/" + encode(vhost), null)).path("message_stats");
        return stats.path("deliver_get").asLong(0);
    }

    /** The vhost's delivery count once it has stayed the same for longer than the broker's statistics interval. */
    long settledDeliveries(String vhost) throws IOException, InterruptedException {
        long last = deliveries(vhost);
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < STATISTICS_INTERVAL.plusSeconds(1).toNanos()) {
            Thread.sleep(500);
            long now = deliveries(vhost);
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            }
        }
        return last;
    }

    /** Tries a call three times, a second apart: the API stalls now and then while the broker is busy. */
    private String send(String method, String path, String body) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(method, path, body);
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted calling the management API", e);
            }
        }
    }

    private String sendOnce(String method, String path, String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling the management API", e);
        } catch (IOException e) {
            throw new IOException("management API at " + base + " unreachable: " + e, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("management API " + method + " /" + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
