package io.dnsbroker.rs;

import io.dnsbroker.pending.PendingEntry;

/** A client query RS has fanned out and not answered yet. */
final class PendingQuery extends PendingEntry {
    final String clientQueryId;
    final String clientReplyTo;
    final long receivedAtNanos;
    /** Groups that had no consumer when the query arrived. */
    final int deadGroups;
    /** Groups that answered they hold no such name; guarded by this. */
    private int negativeGroups;

    PendingQuery(String id, long deadline, String clientQueryId, String clientReplyTo, long receivedAtNanos, int deadGroups) {
        super(id, deadline);
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
