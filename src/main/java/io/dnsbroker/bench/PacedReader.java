package io.dnsbroker.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.concurrent.locks.LockSupport;

/** Hands out lines no faster than a rate, so the load client offers a fixed load instead of all it can. */
final class PacedReader extends BufferedReader {
    private final long nanosPerLine;
    private long start;
    private long lines;

    PacedReader(Reader in, double linesPerSecond) {
        super(in, 1 << 16);
        this.nanosPerLine = Math.round(1e9 / linesPerSecond);
    }

    @Override
    public String readLine() throws IOException {
        if (start == 0) {
            start = System.nanoTime();
        }
        // Against the schedule, not the previous line: a late line is followed by prompt ones.
        long due = start + lines * nanosPerLine;
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        lines++;
        return super.readLine();
    }
}
