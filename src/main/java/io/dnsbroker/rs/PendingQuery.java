package io.dnsbroker.rs;

import io.dnsbroker.pending.PendingEntry;
import io.dnsbroker.protocol.Query;

/** A step of a client query RS has fanned out and not answered yet. */
final class PendingQuery extends PendingEntry {
    final String clientQueryId;
    final String clientReplyTo;
    final long receivedAtNanos;
    /** Groups that had no consumer when the query arrived. */
    final int deadGroups;
    /** What the groups were asked, and the CNAMEs followed to get there. */
    final Lookup lookup;
    /** Groups that answered they hold no such name; guarded by this. */
    private int negativeGroups;

    PendingQuery(String id, long deadline, String clientQueryId, String clientReplyTo, long receivedAtNanos, int deadGroups,
                 Lookup lookup) {
        super(id, deadline);
        this.clientQueryId = clientQueryId;
        this.clientReplyTo = clientReplyTo;
        this.receivedAtNanos = receivedAtNanos;
        this.deadGroups = deadGroups;
        this.lookup = lookup;
    }

    /** The next step of the same client query, under the same deadline. */
    PendingQuery next(String id, Lookup next, int deadGroupsNow) {
        return new PendingQuery(id, expiresAt(), clientQueryId, clientReplyTo, receivedAtNanos, deadGroupsNow, next);
    }

    /** The query as RS asks the groups, under RS's own id; asked again after a lost node. */
    Query asked() {
        return new Query(id(), lookup.name().text(), lookup.type().name(), expiresAt());
    }

    /** Records a group's "not here" and returns the groups accounted for: negative or dead. */
    synchronized int addNegative(int groupBit) {
        negativeGroups |= groupBit;
        return negativeGroups | deadGroups;
    }
}
