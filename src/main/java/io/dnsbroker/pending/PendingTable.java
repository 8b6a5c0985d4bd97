package io.dnsbroker.pending;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.function.Consumer;

/**
 * Entries awaiting answers, keyed by correlation id, with one owner of expiry: a single thread
 * that removes each entry at its deadline and hands the expired ones, together, to a handler.
 * Whoever removes an entry first (an answer or the expiry) owns its outcome, so every entry ends
 * exactly once and none outlives its deadline.
 */
public final class PendingTable<E extends PendingEntry> implements AutoCloseable {
    private final ConcurrentHashMap<String, E> entries = new ConcurrentHashMap<>();
    /** Holds completed entries too until their time comes: cheaper than removing them early. */
    private final DelayQueue<E> timeline = new DelayQueue<>();
    private final Consumer<List<E>> onExpiry;
    private final Thread expiryThread;

    public PendingTable(String name, Consumer<List<E>> onExpiry) {
        this.onExpiry = onExpiry;
        this.expiryThread = new Thread(this::expireLoop, name + "-expiry");
        this.expiryThread.setDaemon(true);
        this.expiryThread.start();
    }

    /** Registers an entry; do it before publishing the query, so no answer can beat it. */
    public void add(E entry) {
        if (entries.putIfAbsent(entry.id(), entry) != null) {
            throw new IllegalStateException("duplicate correlation id " + entry.id());
        }
        timeline.add(entry);
    }

    public E get(String id) {
        return entries.get(id);
    }

    /** Claims the entry: true for exactly one caller, who then owns its outcome. */
    public boolean remove(E entry) {
        return entries.remove(entry.id(), entry);
    }

    /** The entries pending now, for asking again what a lost broker node may have swallowed. */
    public List<E> snapshot() {
        return List.copyOf(entries.values());
    }

    public int size() {
        return entries.size();
    }

    private void expireLoop() {
        List<E> due = new ArrayList<>();
        List<E> expired = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                due.add(timeline.take());
            } catch (InterruptedException e) {
                return;
            }
            timeline.drainTo(due);
            for (E entry : due) {
                if (remove(entry)) {
                    expired.add(entry);
                }
            }
            if (!expired.isEmpty()) {
                try {
                    onExpiry.accept(List.copyOf(expired));
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(PendingTable.class).error("expiry handler failed", e);
                }
            }
            due.clear();
            expired.clear();
        }
    }

    /** Stops expiring; entries still pending stay in the table for the owner to account for. */
    @Override
    public void close() {
        expiryThread.interrupt();
        try {
            expiryThread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
