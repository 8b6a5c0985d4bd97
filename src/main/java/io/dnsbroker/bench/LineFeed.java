package io.dnsbroker.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.concurrent.locks.LockSupport;

/**
 * The names file as the load client reads it: at most {@code limit} lines, and no faster than
 * {@code linesPerSecond} when that is positive, so the client offers a fixed load instead of all it can.
 */
final class LineFeed extends BufferedReader {
    private final long nanosPerLine;
    private final long limit;
    private long start;
    private long lines;

    LineFeed(Reader in, double linesPerSecond, long limit) {
        super(in, 1 << 16);
        this.nanosPerLine = linesPerSecond > 0 ? Math.round(1e9 / linesPerSecond) : 0;
        this.limit = limit;
    }

    @Override
    public String readLine() throws IOException {
        if (lines >= limit) {
            return null;
        }
        if (nanosPerLine > 0) {
            if (start == 0) {
                start = System.nanoTime();
            }
            // Against the schedule, not the previous line: a late line is followed by prompt ones.
            long due = start + lines * nanosPerLine;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
        }
        lines++;
        return super.readLine();
    }
}
