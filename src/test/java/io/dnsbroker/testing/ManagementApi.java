package io.dnsbroker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;

/** The test broker's management HTTP API, as the UI and an operator's scripts use it. */
public final class ManagementApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the broker's web server drops h2c upgrades that carry a body
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;
    private final String vhost;

    private ManagementApi(String base, String user, String password, String vhost) {
        this.base = base.replaceAll("/+$", "");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.vhost = vhost;
    }

    /** The API of the test broker, with the AMQP URI's credentials and vhost. */
    public static ManagementApi forTestBroker() {
        URI amqp = URI.create(TestBroker.uri());
        String userInfo = amqp.getRawUserInfo() == null ? "guest:guest" : amqp.getRawUserInfo();
        String[] credentials = userInfo.split(":", 2);
        String path = amqp.getRawPath() == null || amqp.getRawPath().length() <= 1 ? "/" : decode(amqp.getRawPath().substring(1));
        return new ManagementApi(TestBroker.managementUri(), decode(credentials[0]), decode(credentials[1]), path);
    }

    /** The vhost the tests use, decoded. */
    public String vhost() {
        return vhost;
    }

    /** One path segment, encoded as the API wants it ({@code /} as {@code %2F}). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), path);
    }

    public JsonNode put(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).PUT(json(body)), path);
    }

    public JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(json(body)), path);
    }

    /** Deletes; a thing already gone is fine, as cleanup wants. */
    public void delete(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(authorized(HttpRequest.newBuilder(uri(path)).DELETE()), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && response.statusCode() != 404) {
            throw new IOException("DELETE " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * Reads {@code path} until {@code done} holds: the management database samples every few
     * seconds, so what an operator sees lags what happened.
     */
    public JsonNode await(String path, Predicate<JsonNode> done, Duration within) throws IOException, InterruptedException {
        long giveUpAt = System.nanoTime() + within.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < giveUpAt) {
            try {
                last = get(path);
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                last = JSON.getNodeFactory().textNode(e.getMessage());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("GET " + path + " never showed what was expected within " + within + "; last: " + last);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static HttpRequest.BodyPublisher json(Object body) throws IOException {
        return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    }

    private HttpRequest authorized(HttpRequest.Builder request) {
        return request.header("Authorization", authorization).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).build();
    }

    private JsonNode send(HttpRequest.Builder request, String path) throws IOException, InterruptedException {
        HttpRequest built = authorized(request);
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(built.method() + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
