package io.dnsbroker.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The names the fault suite asks for and the one right answer line for each: names held by TS1,
 * names held by TS2 (spelled in the table with capitals, answered with the table's spelling) and
 * names held by no group (HOST NOT FOUND).
 */
final class KnownNames {
    private final Map<String, String> expected = new TreeMap<>();
    private final List<String> names = new ArrayList<>();
    final Path ts1Table;
    final Path ts2Table;

    KnownNames(Path dir, int perGroup) throws IOException {
        Files.createDirectories(dir);
        ts1Table = dir.resolve("ts1.txt");
        ts2Table = dir.resolve("ts2.txt");
        StringBuilder ts1 = new StringBuilder("# fault suite: TS1's names\n");
        StringBuilder ts2 = new StringBuilder("# fault suite: TS2's names\n");
        for (int i = 0; i < perGroup; i++) {
            String one = "host-" + i + ".ts1.example";
            String two = "Host-" + i + ".TS2.example";
            String ip1 = "10.1." + (i / 250) + "." + (i % 250 + 1);
            String ip2 = "10.2." + (i / 250) + "." + (i % 250 + 1);
            ts1.append(one).append(' ').append(ip1).append(" A\n");
            ts2.append(two).append(' ').append(ip2).append('\n');
            add(one, one + " " + ip1 + " A IN");
            add(two.toLowerCase(java.util.Locale.ROOT), two + " " + ip2 + " A IN");
            String none = "host-" + i + ".none.example";
            add(none, none + " - Error:HOST NOT FOUND");
        }
        Files.writeString(ts1Table, ts1, StandardCharsets.UTF_8);
        Files.writeString(ts2Table, ts2, StandardCharsets.UTF_8);
    }

    private void add(String name, String line) {
        names.add(name);
        expected.put(name, line);
    }

    /** The i-th name of an endless round over all names. */
    String name(long i) {
        return names.get((int) (i % names.size()));
    }

    String expectedLine(String name) {
        return expected.get(name);
    }

    /** TIMED OUT and SERVER UNAVAILABLE admit a failure; they claim nothing false about the name. */
    static boolean isHonestFailure(String name, String line) {
        return line.equals(name + " - TIMED OUT") || line.equals(name + " - Error:SERVER UNAVAILABLE");
    }
}
