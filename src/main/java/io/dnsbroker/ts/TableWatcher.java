package io.dnsbroker.ts;

import io.dnsbroker.dns.Table;
import io.dnsbroker.dns.TableException;
import io.dnsbroker.dns.TableParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reloads a TS table when its file changes, as CoreDNS {@code hosts} does: every interval it
 * compares the file's modification time, size and identity with the last ones read. A changed
 * file that parses is handed over whole (the server swaps it in atomically); one that does not is
 * refused with {@code file:line: reason}, once, and the table in service stays. Replace the file
 * by renaming a finished one over it: a file caught half-written may parse as a shorter table.
 */
public final class TableWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TableWatcher.class);

    /** What one check did. */
    enum Outcome { UNCHANGED, LOADED, REFUSED, CHANGING }

    private record Stamp(FileTime modified, long size, Object identity) {
    }

    private final Path file;
    private final TableParser parser;
    private final TsMetrics metrics;
    private Stamp seen;
    private ScheduledExecutorService timer;

    public TableWatcher(Path file, TableParser parser, TsMetrics metrics) {
        this.file = file;
        this.parser = parser;
        this.metrics = metrics;
    }

    /** The first load, at start-up: a bad file stops start-up. Later changes are measured from it. */
    public synchronized Table load() throws TableException {
        Stamp before = stamp();
        Table table = parser.parse(file);
        seen = before;
        return table;
    }

    /** Checks the file every {@code interval} from now on, handing each good new table to {@code onLoad}. */
    public synchronized void watch(Duration interval, Consumer<Table> onLoad) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the reload interval must be positive, got " + interval);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "table-reload");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                check(onLoad);
            } catch (RuntimeException e) {
                LOG.warn("checking {} failed, will check again: {}", file, e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One check of the file. */
    synchronized Outcome check(Consumer<Table> onLoad) {
        Stamp before = stamp();
        if (Objects.equals(before, seen)) {
            return Outcome.UNCHANGED;
        }
        Table table;
        try {
            table = parser.parse(file);
        } catch (TableException e) {
            if (!Objects.equals(before, stamp())) {
                return Outcome.CHANGING;
            }
            seen = before;
            metrics.tableReload(false);
            LOG.warn("refused the changed table, still serving the previous one: {}", e.getMessage());
            return Outcome.REFUSED;
        }
        if (!Objects.equals(before, stamp())) {
            // Written to while read: take it at the next check, once it holds still.
            return Outcome.CHANGING;
        }
        seen = before;
        onLoad.accept(table);
        metrics.tableReload(true);
        LOG.info("reloaded {}: {} names, {} records", file, table.names(), table.records());
        return Outcome.LOADED;
    }

    /** The file's stamp, or null when it cannot be read (the parse then says why). */
    private Stamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
