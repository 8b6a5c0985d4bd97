package io.dnsbroker.bench;

import io.dnsbroker.cli.Main;
import io.dnsbroker.dns.Name;
import io.dnsbroker.dns.Table;
import io.dnsbroker.dns.TableParser;
import io.dnsbroker.dns.RecordType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadTest {
    @Test
    void everyExpectedLineIsWhatTheTablesSayAndTheMixIsAsAsked(@TempDir Path dir) throws Exception {
        BenchSettings settings = new BenchSettings().namesPerGroup(300).queries(20_000).missShare(0.2).repeatShare(0.25).seed(7);
        Workload workload = Workload.generate(dir, settings);
        Table ts1 = new TableParser().parse(workload.table("ts1"));
        Table ts2 = new TableParser().parse(workload.table("ts2"));
        assertEquals(300, ts1.names());
        List<String> names = Files.readAllLines(workload.names());
        List<String> expected = Files.readAllLines(workload.expected());
        assertEquals(20_000, names.size());
        assertEquals(20_000, expected.size());
        int misses = 0;
        for (int i = 0; i < names.size(); i++) {
            Name name = Name.parse(names.get(i));
            List<?> found = ts1.lookup(name, RecordType.A).isEmpty() ? ts2.lookup(name, RecordType.A) : ts1.lookup(name, RecordType.A);
            if (found.isEmpty()) {
                misses++;
                assertEquals(names.get(i) + " - Error:HOST NOT FOUND", expected.get(i));
            } else {
                String data = (ts1.lookup(name, RecordType.A).isEmpty() ? ts2 : ts1).lookup(name, RecordType.A).get(0).data();
                assertEquals(names.get(i) + " " + data + " A IN", expected.get(i));
            }
        }
        // Drawn at random (repeats copy earlier names, misses included): within a few points of what was asked.
        double missShare = misses / 20_000.0;
        assertTrue(missShare > 0.15 && missShare < 0.25, "miss share " + missShare);
        assertEquals(Files.readAllLines(workload.names()), Files.readAllLines(Workload.generate(dir.resolve("again"), settings).names()),
                "one seed, one workload");
    }

    @Test
    void withEveryNameARepeatTheFirstNameIsAskedThroughout(@TempDir Path dir) throws Exception {
        Workload workload = Workload.generate(dir, new BenchSettings().namesPerGroup(300).queries(500).repeatShare(1));
        List<String> names = Files.readAllLines(workload.names());
        assertEquals(Set.of(names.get(0)), new HashSet<>(names));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--misses=1.5", "--repeats=-0.1", "--queries=0", "--names=0", "--consumers=0", "--rate=-1", "--warm-up=-1"})
    void badOptionsStopWithAClearErrorBeforeAnythingRuns(String option) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[]{"bench", option, "--amqp", "amqp://guest:guest@127.0.0.1:1"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, exit);
        String value = option.substring(option.indexOf('=') + 1);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("got " + value), err.toString(StandardCharsets.UTF_8));
    }
}
