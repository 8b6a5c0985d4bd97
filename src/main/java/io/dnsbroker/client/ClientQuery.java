package io.dnsbroker.client;

import io.dnsbroker.pending.PendingEntry;
import io.dnsbroker.protocol.Answer;
import io.dnsbroker.protocol.Query;

import java.util.concurrent.CompletableFuture;

/** A query the client sent and awaits, given up a grace after its deadline. */
final class ClientQuery extends PendingEntry {
    final Query query;
    final CompletableFuture<Answer> answer = new CompletableFuture<>();

    ClientQuery(Query query, long giveUpAt) {
        super(query.id(), giveUpAt);
        this.query = query;
    }
}
