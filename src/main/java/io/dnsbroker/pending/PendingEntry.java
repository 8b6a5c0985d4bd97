package io.dnsbroker.pending;

import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/** Something awaiting an answer, identified by its correlation id, given up at a fixed time. */
public abstract class PendingEntry implements Delayed {
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

    @Override
    public final long getDelay(TimeUnit unit) {
        return unit.convert(expiresAt - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public final int compareTo(Delayed other) {
        return Long.compare(expiresAt, ((PendingEntry) other).expiresAt);
    }
}
