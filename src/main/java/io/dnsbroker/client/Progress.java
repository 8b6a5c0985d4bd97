package io.dnsbroker.client;

import java.io.PrintStream;

/** A progress line on stderr, redrawn at most once a second, shown only on a terminal. */
final class Progress {
    private final PrintStream out;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw = start;

    Progress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    void tick(long done) {
        long now = System.nanoTime();
        if (!enabled || now - lastDraw < 1_000_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        out.printf("\r%d names resolved, %.0f names/s", done, done / seconds);
        out.flush();
    }

    void done() {
        if (enabled && lastDraw != start) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
