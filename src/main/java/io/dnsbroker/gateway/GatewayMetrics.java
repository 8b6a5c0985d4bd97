package io.dnsbroker.gateway;

/**
 * What the gateway reports as it works, one event a DNS query. A metrics library implements it
 * (queries by transport and rcode, a latency histogram); {@link #NONE} reports nothing.
 */
public interface GatewayMetrics {
    GatewayMetrics NONE = new GatewayMetrics() {
    };

    /** A response went out; {@code rcode} is the DNS response code (extended codes included). */
    default void answered(Transport transport, int rcode, long latencyNanos) {
    }

    /** A query over the in-flight limit: dropped over UDP, answered REFUSED over TCP. */
    default void shed(Transport transport) {
    }

    /** A packet too broken to answer at all (shorter than a header, or a response): dropped. */
    default void malformed(Transport transport) {
    }

    /** A UDP response over the client's size went out cut, with TC set, so the client retries over TCP. */
    default void truncated() {
    }
}
