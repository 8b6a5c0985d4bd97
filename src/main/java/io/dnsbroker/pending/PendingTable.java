package io.dnsbroker.pending;

import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Entries awaiting answers, keyed by correlation id, with one owner of expiry: a single thread
 * that removes each entry at its deadline and hands the expired ones, together, to a handler.
 * Whoever removes an entry first (an answer or the expiry) owns its outcome, so every entry ends
 * exactly once and none outlives its deadline by more than a tick.
 *
 * <p>Deadlines sit in a hashed timing wheel of {@link #TICK_MS} slots that only the expiry thread
 * touches; adders hand entries over through a lock-free inbox. It replaced a DelayQueue, whose
 * heap (every entry, answered or not, until its deadline: a few hundred thousand in bulk runs)
 * took O(log n) comparisons under one lock per add and per expiry, the largest single cost left
 * in the RS and client profiles once JSON was streamed.
 */
public final class PendingTable<E extends PendingEntry> implements AutoCloseable {
    /** Resolution of expiry: an entry ends between its deadline and one tick after. */
    static final long TICK_MS = 2;
    /** Slots in the wheel; deadlines further out than it spans wait for their lap. */
    private static final int SLOTS = 4096;

    private final ConcurrentHashMap<String, E> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<E> inbox = new ConcurrentLinkedQueue<>();
    /** Owned by the expiry thread: entries by the tick of their deadline, answered ones included until then. */
    private final List<List<E>> wheel = new ArrayList<>(SLOTS);
    private int onWheel;
    private final Consumer<List<E>> onExpiry;
    private final Thread expiryThread;
    private volatile boolean idle;

    public PendingTable(String name, Consumer<List<E>> onExpiry) {
        this.onExpiry = onExpiry;
        for (int i = 0; i < SLOTS; i++) {
            wheel.add(new ArrayList<>());
        }
        this.expiryThread = new Thread(this::expireLoop, name + "-expiry");
        this.expiryThread.setDaemon(true);
        this.expiryThread.start();
    }

    /** Registers an entry; do it before publishing the query, so no answer can beat it. */
    public void add(E entry) {
        if (entries.putIfAbsent(entry.id(), entry) != null) {
            throw new IllegalStateException("duplicate correlation id " + entry.id());
        }
        inbox.add(entry);
        if (idle) {
            LockSupport.unpark(expiryThread);
        }
    }

    public E get(String id) {
        return entries.get(id);
    }

    /** Claims the entry: true for exactly one caller, who then owns its outcome. */
    public boolean remove(E entry) {
        return entries.remove(entry.id(), entry);
    }

    public int size() {
        return entries.size();
    }

    private void expireLoop() {
        List<E> expired = new ArrayList<>();
        long doneTick = System.currentTimeMillis() / TICK_MS - 1;
        while (!Thread.currentThread().isInterrupted()) {
            long nowTick = System.currentTimeMillis() / TICK_MS;
            for (E entry = inbox.poll(); entry != null; entry = inbox.poll()) {
                long tick = dueTick(entry);
                if (tick <= doneTick) {
                    expire(entry, expired);
                } else {
                    wheel.get((int) (tick % SLOTS)).add(entry);
                    onWheel++;
                }
            }
            // A long pause (GC, a starved thread) may skip many ticks; one lap visits every slot.
            for (long tick = Math.max(doneTick + 1, nowTick - SLOTS + 1); tick <= nowTick; tick++) {
                sweep(wheel.get((int) (tick % SLOTS)), nowTick, expired);
            }
            doneTick = nowTick;
            if (!expired.isEmpty()) {
                handOver(expired);
            }
            park();
        }
    }

    /** Ends the slot's entries that are due, keeps those of later laps. */
    private void sweep(List<E> slot, long nowTick, List<E> expired) {
        int kept = 0;
        for (int i = 0; i < slot.size(); i++) {
            E entry = slot.get(i);
            if (dueTick(entry) <= nowTick) {
                expire(entry, expired);
                onWheel--;
            } else {
                slot.set(kept++, entry);
            }
        }
        slot.subList(kept, slot.size()).clear();
    }

    /** The first tick that starts at or after the deadline, so no entry ends early. */
    private static long dueTick(PendingEntry entry) {
        return Math.floorDiv(entry.expiresAt() + TICK_MS - 1, TICK_MS);
    }

    private void expire(E entry, List<E> expired) {
        if (remove(entry)) {
            expired.add(entry);
        }
    }

    private void handOver(List<E> expired) {
        try {
            onExpiry.accept(List.copyOf(expired));
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(PendingTable.class).error("expiry handler failed", e);
        }
        expired.clear();
    }

    /** Until the next tick while anything waits; with nothing on the wheel, until an add wakes it. */
    private void park() {
        if (onWheel == 0) {
            idle = true;
            if (inbox.isEmpty()) {
                LockSupport.park(this);
            }
            idle = false;
        } else {
            long millis = System.currentTimeMillis();
            LockSupport.parkNanos(this, ((millis / TICK_MS + 1) * TICK_MS - millis) * 1_000_000L);
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
