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
 * <p>Deadlines sit in a hashed timing wheel of {@link #TICK_MS} slots, each a linked list that
 * only the expiry thread touches; adders and answerers hand entries over through lock-free queues,
 * and an answered entry leaves the wheel within a tick. This replaced a DelayQueue whose heap held
 * every entry, answered or not, until its deadline: a few hundred thousand in bulk runs, each
 * add and expiry O(log n) under one lock (the largest self time left once JSON was streamed), and
 * a live set the young collections had to copy again and again.
 */
public final class PendingTable<E extends PendingEntry> implements AutoCloseable {
    /** Resolution of expiry: an entry ends between its deadline and one tick after. */
    static final long TICK_MS = 2;
    /** Slots in the wheel; deadlines further out than it spans wait for their lap. */
    private static final int SLOTS = 4096;

    private final ConcurrentHashMap<String, E> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<E> added = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<E> answered = new ConcurrentLinkedQueue<>();
    /** Owned by the expiry thread: the first entry of each slot's list. */
    private final PendingEntry[] wheel = new PendingEntry[SLOTS];
    private int onWheel;
    private final Consumer<List<E>> onExpiry;
    private final Thread expiryThread;
    private volatile boolean idle;

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
        added.add(entry);
        if (idle) {
            LockSupport.unpark(expiryThread);
        }
    }

    public E get(String id) {
        return entries.get(id);
    }

    /** Claims the entry: true for exactly one caller, who then owns its outcome. */
    public boolean remove(E entry) {
        if (entries.remove(entry.id(), entry)) {
            answered.add(entry);
            return true;
        }
        return false;
    }

    /** The entries pending now, for asking again what a lost broker node may have swallowed. */
    public List<E> snapshot() {
        return List.copyOf(entries.values());
    }

    public int size() {
        return entries.size();
    }

    private void expireLoop() {
        List<E> expired = new ArrayList<>();
        long doneTick = System.currentTimeMillis() / TICK_MS - 1;
        while (!Thread.currentThread().isInterrupted()) {
            long nowTick = System.currentTimeMillis() / TICK_MS;
            // Adds first: an entry is always added before it is answered.
            for (E entry = added.poll(); entry != null; entry = added.poll()) {
                if (entry.ended) {
                    continue;
                }
                long tick = dueTick(entry);
                if (tick <= doneTick) {
                    expire(entry, expired);
                } else {
                    link(entry, (int) (tick % SLOTS));
                }
            }
            for (E entry = answered.poll(); entry != null; entry = answered.poll()) {
                end(entry);
            }
            // A long pause (GC, a starved thread) may skip many ticks; one lap visits every slot.
            for (long tick = Math.max(doneTick + 1, nowTick - SLOTS + 1); tick <= nowTick; tick++) {
                sweep((int) (tick % SLOTS), nowTick, expired);
            }
            doneTick = nowTick;
            if (!expired.isEmpty()) {
                handOver(expired);
            }
            park();
        }
    }

    /** Ends the slot's entries that are due, keeps those of later laps. */
    @SuppressWarnings("unchecked")
    private void sweep(int slot, long nowTick, List<E> expired) {
        PendingEntry entry = wheel[slot];
        while (entry != null) {
            PendingEntry next = entry.wheelNext;
            if (dueTick(entry) <= nowTick) {
                expire((E) entry, expired);
            }
            entry = next;
        }
    }

    /** The first tick that starts at or after the deadline, so no entry ends early. */
    private static long dueTick(PendingEntry entry) {
        return Math.floorDiv(entry.expiresAt() + TICK_MS - 1, TICK_MS);
    }

    private void expire(E entry, List<E> expired) {
        end(entry);
        if (entries.remove(entry.id(), entry)) {
            expired.add(entry);
        }
    }

    private void link(PendingEntry entry, int slot) {
        PendingEntry first = wheel[slot];
        entry.wheelNext = first;
        if (first != null) {
            first.wheelPrev = entry;
        }
        wheel[slot] = entry;
        entry.linked = true;
        onWheel++;
    }

    /** Takes the entry off the wheel, or marks it so that it never goes on. */
    private void end(PendingEntry entry) {
        entry.ended = true;
        if (!entry.linked) {
            return;
        }
        if (entry.wheelPrev != null) {
            entry.wheelPrev.wheelNext = entry.wheelNext;
        } else {
            wheel[(int) (dueTick(entry) % SLOTS)] = entry.wheelNext;
        }
        if (entry.wheelNext != null) {
            entry.wheelNext.wheelPrev = entry.wheelPrev;
        }
        entry.wheelPrev = null;
        entry.wheelNext = null;
        entry.linked = false;
        onWheel--;
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
            if (added.isEmpty() && answered.isEmpty()) {
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
