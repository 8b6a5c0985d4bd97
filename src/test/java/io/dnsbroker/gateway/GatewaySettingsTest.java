package io.dnsbroker.gateway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewaySettingsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "127.0.0.1:5353, 127.0.0.1, 5353",
            "' 0.0.0.0:53 ', 0.0.0.0, 53",
            "[::1]:5353, 0:0:0:0:0:0:0:1, 5353",
            "127.0.0.1:0, 127.0.0.1, 0",
    })
    void readsAListenAddress(String text, String host, int port) {
        InetSocketAddress address = GatewaySettings.parseListen(text);
        assertEquals(host, address.getAddress().getHostAddress());
        assertEquals(port, address.getPort());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "5353, is not host:port",
            ":5353, has no host",
            "127.0.0.1:, has no port",
            "127.0.0.1:65536, has no port",
            "127.0.0.1:dns, has no port",
    })
    void refusesABadListenAddressSayingWhy(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatewaySettings.parseListen(text));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains(text.strip()), e.getMessage());
    }
}
