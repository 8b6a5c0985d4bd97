package io.dnsbroker.gateway;

import io.dnsbroker.client.ClientSettings;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/** What a DNS gateway needs to know, set fluently. */
public final class GatewaySettings {
    public static final String DEFAULT_LISTEN = "127.0.0.1:5353";
    /**
     * dig, dnsperf and the glibc stub wait 5 s before they retry or give up, and RS waits 2 s: a
     * SERVFAIL at 1.5 s (plus the grace when RS itself is silent) reaches them well before either.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1500);
    /** How long past the deadline the gateway waits for RS's own verdict when RS is down or slow. */
    public static final Duration DEFAULT_GRACE = Duration.ofMillis(200);
    public static final int DEFAULT_INFLIGHT = 2_000;
    /** The EDNS payload size of DNS Flag Day 2020: large enough for these answers, small enough not to fragment. */
    public static final int DEFAULT_UDP_SIZE = 1232;
    public static final int DEFAULT_TCP_CONNECTIONS = 128;
    /** RFC 7766 asks for idle timeouts of seconds, so idle clients cannot hold every connection slot. */
    public static final Duration DEFAULT_TCP_IDLE = Duration.ofSeconds(10);
    /** Queries one TCP connection may have unanswered; past it the gateway stops reading that connection. */
    public static final int DEFAULT_TCP_PIPELINE = 64;

    private InetSocketAddress listen = parseListen(DEFAULT_LISTEN);
    /** Holds the deadline and grace, checked as every client's are. */
    private final ClientSettings client = new ClientSettings().timeout(DEFAULT_TIMEOUT).grace(DEFAULT_GRACE);
    private int inflight = DEFAULT_INFLIGHT;
    private int udpSize = DEFAULT_UDP_SIZE;
    private int tcpConnections = DEFAULT_TCP_CONNECTIONS;
    private Duration tcpIdle = DEFAULT_TCP_IDLE;
    private int tcpPipeline = DEFAULT_TCP_PIPELINE;

    /** Reads {@code host:port} or {@code [ipv6]:port}; port 0 picks a free one. */
    public static InetSocketAddress parseListen(String text) {
        String value = text.strip();
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("listen address '" + text + "' is not host:port (like " + DEFAULT_LISTEN + ")");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listen address '" + text + "' has no port from 0 to 65535");
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("listen address '" + text + "' has no host (like " + DEFAULT_LISTEN + ")");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("listen address '" + text + "': unknown host '" + host + "'");
        }
    }

    public InetSocketAddress listen() {
        return listen;
    }

    public GatewaySettings listen(InetSocketAddress listen) {
        this.listen = listen;
        return this;
    }

    public Duration timeout() {
        return client.timeout();
    }

    public GatewaySettings timeout(Duration timeout) {
        client.timeout(timeout);
        return this;
    }

    public Duration grace() {
        return client.grace();
    }

    public GatewaySettings grace(Duration grace) {
        client.grace(grace);
        return this;
    }

    /**
     * The settings of the gateway's client to RS. It may hold twice the gateway's own in-flight
     * limit: the gateway sheds at its limit, so resolve() never waits for a permit that an
     * answer is about to give back, and no reader ever blocks.
     */
    public ClientSettings client() {
        return client.inflight(2 * inflight);
    }

    public int inflight() {
        return inflight;
    }

    public GatewaySettings inflight(int inflight) {
        if (inflight < 1) {
            throw new IllegalArgumentException("inflight must be at least 1, got " + inflight);
        }
        this.inflight = inflight;
        return this;
    }

    public int udpSize() {
        return udpSize;
    }

    public GatewaySettings udpSize(int udpSize) {
        if (udpSize < 512 || udpSize > 65535) {
            throw new IllegalArgumentException("the UDP size must be 512 to 65535 bytes, got " + udpSize);
        }
        this.udpSize = udpSize;
        return this;
    }

    public int tcpConnections() {
        return tcpConnections;
    }

    public GatewaySettings tcpConnections(int tcpConnections) {
        if (tcpConnections < 1) {
            throw new IllegalArgumentException("TCP connections must be at least 1, got " + tcpConnections);
        }
        this.tcpConnections = tcpConnections;
        return this;
    }

    public Duration tcpIdle() {
        return tcpIdle;
    }

    public GatewaySettings tcpIdle(Duration tcpIdle) {
        if (tcpIdle.isNegative() || tcpIdle.isZero()) {
            throw new IllegalArgumentException("the TCP idle timeout must be positive, got " + tcpIdle);
        }
        this.tcpIdle = tcpIdle;
        return this;
    }

    public int tcpPipeline() {
        return tcpPipeline;
    }

    public GatewaySettings tcpPipeline(int tcpPipeline) {
        if (tcpPipeline < 1) {
            throw new IllegalArgumentException("the TCP pipeline must be at least 1, got " + tcpPipeline);
        }
        this.tcpPipeline = tcpPipeline;
        return this;
    }
}
