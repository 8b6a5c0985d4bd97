package io.dnsbroker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The broker's management HTTP API, for what a test does as an operator would in the UI: find
 * which connections serve a namespace and force-close them, as a network cut or a broker-side
 * close does, without disturbing anyone else's connections on the shared broker.
 */
public final class Management {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    public Management(String amqpUri) {
        URI uri = URI.create(amqpUri);
        String userInfo = uri.getUserInfo() == null ? "guest:guest" : uri.getUserInfo();
        this.base = "http://" + uri.getHost() + ":15672/api";
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /** The connections that own (exclusive queues) or consume from the queues whose names start with {@code prefix}. */
    public Set<String> connectionsOn(String prefix) throws IOException, InterruptedException {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode queue : get("/queues/%2F?columns=name")) {
            String name = queue.get("name").asText();
            if (!name.startsWith(prefix)) {
                continue;
            }
            JsonNode detail = get("/queues/%2F/" + encode(name));
            JsonNode owner = detail.path("owner_pid_details").path("name");
            if (!owner.isMissingNode()) {
                names.add(owner.asText());
            }
            for (JsonNode consumer : detail.path("consumer_details")) {
                names.add(consumer.path("channel_details").path("connection_name").asText());
            }
        }
        return names;
    }

    /** Closes a connection from the broker's side; the client sees CONNECTION_FORCED and recovers. */
    public void closeConnection(String name) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/connections/" + encode(name)))
                .header("Authorization", authorization).header("X-Reason", "fault test").DELETE().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
            throw new IOException("closing connection " + name + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
