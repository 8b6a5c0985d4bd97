package io.dnsbroker.pending;

/** Something awaiting an answer, identified by its correlation id, given up at a fixed time. */
public abstract class PendingEntry {
    private final String id;
    private final long expiresAt;

    // The entry's place on the table's timing wheel; read and written by the expiry thread only.
    PendingEntry wheelPrev;
    PendingEntry wheelNext;
    boolean linked;
    boolean ended;

    protected PendingEntry(String id, long expiresAt) {
        this.id = id;
        this.expiresAt = expiresAt;
    }

    public final String id() {
        return id;
    }

    /** Epoch milliseconds at which the table expires this entry. */
    public final long expiresAt() {
        return expiresAt;
    }
}
