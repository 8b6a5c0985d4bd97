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

    /** A lookup of a name and type answered from the cache within its TTL. */
    default void cacheHit() {
    }

    /** A lookup of a name and type the cache could not answer, so the groups were asked. */
    default void cacheMiss() {
    }

    /** An expired cache entry served because no group could answer (serve-stale, RFC 8767). */
    default void staleAnswer() {
    }

    /** A CNAME followed to its target: one more fan-out or cache lookup for the same client query. */
    default void cnameFollowed() {
    }
}
