package io.dnsbroker.ts;

import io.dnsbroker.dns.InvalidNameException;
import io.dnsbroker.dns.Name;
import io.dnsbroker.dns.RecordType;
import io.dnsbroker.dns.Table;
import io.dnsbroker.dns.TableException;
import io.dnsbroker.dns.TableParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks driven by hand, so no test waits on the timer. */
class TableWatcherTest {
    @TempDir
    Path dir;

    private final List<Table> loaded = new ArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final TsMetrics metrics = new TsMetrics() {
        @Override
        public void tableReload(boolean accepted) {
            if (!accepted) {
                refused.incrementAndGet();
            }
        }
    };

    private void replace(Path file, String... lines) throws IOException {
        Path next = dir.resolve("next.txt");
        Files.write(next, List.of(lines));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String address(Table table, String name) throws InvalidNameException {
        return table.lookup(Name.parse(name), RecordType.A).get(0).data();
    }

    @Test
    void aGoodNewFileReplacesTheTableAndABadOneIsRefusedOnce() throws Exception {
        Path file = dir.resolve("ts1.txt");
        Files.write(file, List.of("www.x.com 1.1.1.1"));
        TableWatcher watcher = new TableWatcher(file, new TableParser(), metrics);
        assertEquals("1.1.1.1", address(watcher.load(), "www.x.com"));
        assertEquals(TableWatcher.Outcome.UNCHANGED, watcher.check(loaded::add));

        replace(file, "www.x.com 2.2.2.2", "new.x.com 3.3.3.3");
        assertEquals(TableWatcher.Outcome.LOADED, watcher.check(loaded::add));
        assertEquals("2.2.2.2", address(loaded.get(0), "www.x.com"));
        assertEquals(2, loaded.get(0).names());
        assertEquals(TableWatcher.Outcome.UNCHANGED, watcher.check(loaded::add));

        replace(file, "www.x.com 4.4.4.4", "bad.x.com 300.1.1.1");
        assertEquals(TableWatcher.Outcome.REFUSED, watcher.check(loaded::add));
        assertEquals(TableWatcher.Outcome.UNCHANGED, watcher.check(loaded::add), "a refused file is not re-read until it changes");
        assertEquals(1, loaded.size(), "the table in service stays");
        assertEquals(1, refused.get());

        replace(file, "www.x.com 5.5.5.5");
        assertEquals(TableWatcher.Outcome.LOADED, watcher.check(loaded::add));
        assertEquals("5.5.5.5", address(loaded.get(1), "www.x.com"));
    }

    @Test
    void aVanishedFileIsRefusedAndItsReturnLoaded() throws Exception {
        Path file = dir.resolve("ts1.txt");
        Files.write(file, List.of("www.x.com 1.1.1.1"));
        TableWatcher watcher = new TableWatcher(file, new TableParser(), metrics);
        watcher.load();
        Files.delete(file);
        assertEquals(TableWatcher.Outcome.REFUSED, watcher.check(loaded::add));
        assertEquals(TableWatcher.Outcome.UNCHANGED, watcher.check(loaded::add));
        replace(file, "www.x.com 2.2.2.2");
        assertEquals(TableWatcher.Outcome.LOADED, watcher.check(loaded::add));
    }

    @Test
    void aBadFileAtStartUpStopsItWithFileLineReason() throws Exception {
        Path file = dir.resolve("ts1.txt");
        Files.write(file, List.of("www.x.com 1.1.1.1", "www.x.com mail.x.com CNAME"));
        TableException e = assertThrows(TableException.class, () -> new TableWatcher(file, new TableParser(), metrics).load());
        assertTrue(e.getMessage().startsWith(file + ":2: "), e.getMessage());
    }

    @Test
    void aZeroIntervalIsRefused() {
        TableWatcher watcher = new TableWatcher(dir.resolve("t"), new TableParser(), metrics);
        assertThrows(IllegalArgumentException.class, () -> watcher.watch(java.time.Duration.ZERO, loaded::add));
    }
}
