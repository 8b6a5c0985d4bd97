package io.dnsbroker.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ManagementApiTest {
    @ParameterizedTest
    @CsvSource({
            "amqp://guest:guest@127.0.0.1:5672,           amqp://guest:guest@127.0.0.1:5672/bench-1",
            "amqp://guest:guest@127.0.0.1:5672/,          amqp://guest:guest@127.0.0.1:5672/bench-1",
            "amqp://u:p%40ss@broker.example:5671/prod,    amqp://u:p%40ss@broker.example:5671/bench-1",
            "amqps://broker.example/%2F,                  amqps://broker.example/bench-1",
    })
    void theRunsVhostReplacesTheUrisKeepingItsCredentials(String uri, String expected) {
        assertEquals(expected, ManagementApi.withVhost(uri, "bench-1"));
    }
}
