package io.dnsbroker.rs;

import io.dnsbroker.protocol.RecordData;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Round-robin order of a record set: each answer starts one record further on (cyclic order, as
 * BIND's rrset-order). It lives in RS rather than TS because RS also answers from its cache, and a
 * cached set must rotate too; and one counter per RS keeps the cycle whole however many TS
 * workers share a group. One counter for all names keeps no state per name; with many names
 * interleaved each name's start still spreads evenly.
 */
final class Rotation {
    private final AtomicLong turn = new AtomicLong();

    List<RecordData> next(List<RecordData> records) {
        int size = records.size();
        if (size < 2) {
            return records;
        }
        int start = (int) Math.floorMod(turn.getAndIncrement(), (long) size);
        List<RecordData> rotated = new ArrayList<>(size);
        rotated.addAll(records.subList(start, size));
        rotated.addAll(records.subList(0, start));
        return rotated;
    }
}
