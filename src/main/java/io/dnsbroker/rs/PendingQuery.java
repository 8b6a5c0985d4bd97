package io.dnsbroker.rs;

import io.dnsbroker.pending.PendingEntry;
import io.dnsbroker.protocol.Query;

/** A client query RS has fanned out and not answered yet. */
final class PendingQuery extends PendingEntry {
    /** The query as RS asked the groups, under RS's own id; asked again after a lost node. */
    final Query forwarded;
    final String clientQueryId;
    final String clientReplyTo;
    final long receivedAtNanos;
    /** Groups that had no consumer when the query arrived. */
    final int deadGroups;
    /** Groups that answered they hold no such name; guarded by this. */
    private int negativeGroups;

    PendingQuery(Query forwarded, String clientQueryId, String clientReplyTo, long receivedAtNanos, int deadGroups) {
        super(forwarded.id(), forwarded.deadline());
        this.forwarded = forwarded;
        this.clientQueryId = clientQueryId;
        this.clientReplyTo = clientReplyTo;
        this.receivedAtNanos = receivedAtNanos;
        this.deadGroups = deadGroups;
    }

    /** Records a group's "not here" and returns the groups accounted for: negative or dead. */
    synchronized int addNegative(int groupBit) {
        negativeGroups |= groupBit;
        return negativeGroups | deadGroups;
    }
}
