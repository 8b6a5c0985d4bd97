package io.dnsbroker.rs;

import io.dnsbroker.dns.Status;

/** What RS reports as it works; counted per query, never per message. */
public interface RsMetrics {
    RsMetrics NONE = new RsMetrics() {
    };

    default void received(int queries) {
    }

    default void answered(Status status, long latencyNanos) {
    }

    /** A TS reply for a query already answered by another group. */
    default void redundantReply() {
    }

    /** A TS reply that came after its query's deadline. */
    default void lateReply() {
    }

    /** A query that arrived after its own deadline and was dropped unanswered: its client gave up already. */
    default void expiredOnArrival() {
    }

    default void malformed() {
    }
}
