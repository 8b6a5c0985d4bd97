package io.dnsbroker.client;

import io.dnsbroker.pending.PendingEntry;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.Query;

import java.util.concurrent.CompletableFuture;

/**
 * A query the client sent and awaits, given up a grace after its deadline. Every send carries the
 * same query (same id, same deadline), so whichever answer comes first is the answer.
 */
final class ClientQuery extends PendingEntry {
    final Query query;
    final CompletableFuture<Answer> answer = new CompletableFuture<>();
    /** Sends the broker took, or may have: the retry budget counts these. */
    volatile int sends;
    /** Bumped whenever the query goes back to be sent, so a retry timer set before then stands down. */
    volatile int generation;
    volatile long firstSentNanos;
    volatile long lastSentNanos;

    ClientQuery(Query query, long giveUpAt) {
        super(query.id(), giveUpAt);
        this.query = query;
    }
}
