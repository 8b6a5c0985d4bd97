package io.dnsbroker.pending;

/** Something awaiting an answer, identified by its correlation id, given up at a fixed time. */
public abstract class PendingEntry {
    private final String id;
    private final long expiresAt;

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
