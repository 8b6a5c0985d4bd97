package io.dnsbroker.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableParserTest {
    private static Table parse(String text) throws TableException {
        return new TableParser().parse("t.txt", text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Record> lookup(Table table, String name, RecordType type) throws InvalidNameException {
        return table.lookup(Name.parse(name), type);
    }

    @Test
    void readsEveryFormOfLine() throws Exception {
        Table table = parse("""
                # a comment line
                www.princeton.edu 128.1.1.4 A

                GOOGLE.com 46.1.3.7            # type A when absent
                short.example 10.0.0.1 A 60
                mail.example.com 10 mx1.example.com MX 600
                v6.example ::1 AAAA
                alias.example www.princeton.edu CNAME
                example.com ns1.example.com NS
                trailing.example. 10.0.0.2
                """);
        assertEquals(8, table.names());
        assertEquals("128.1.1.4", lookup(table, "WWW.Princeton.EDU", RecordType.A).get(0).data());
        assertEquals("GOOGLE.com", lookup(table, "google.com.", RecordType.A).get(0).name().text());
        assertEquals(60, lookup(table, "short.example", RecordType.A).get(0).ttl());
        assertEquals(Record.DEFAULT_TTL, lookup(table, "google.com", RecordType.A).get(0).ttl());
        Record mx = lookup(table, "mail.example.com", RecordType.MX).get(0);
        assertEquals("10 mx1.example.com", mx.data());
        assertEquals(600, mx.ttl());
        assertEquals(RecordType.AAAA, lookup(table, "v6.example", RecordType.AAAA).get(0).type());
        assertEquals(RecordType.NS, lookup(table, "example.com", RecordType.NS).get(0).type());
        assertEquals("10.0.0.2", lookup(table, "trailing.example", RecordType.A).get(0).data());
    }

    @Test
    void severalLinesForOneNameAreSeveralRecordsInTableOrder() throws Exception {
        Table table = parse("rr.example 10.0.0.1\nRR.example 10.0.0.2\nrr.example. 10.0.0.3\nrr.example 10.0.0.1\n");
        List<Record> records = lookup(table, "rr.example", RecordType.A);
        assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), records.stream().map(Record::data).toList(),
                "a repeated record is one record");
    }

    @Test
    void anAliasAnswersForAnyTypeItDoesNotHave() throws Exception {
        Table table = parse("alias.example target.example CNAME\n");
        assertEquals(RecordType.CNAME, lookup(table, "alias.example", RecordType.A).get(0).type());
        assertTrue(lookup(table, "absent.example", RecordType.A).isEmpty());
    }

    @Test
    void crlfLineEndingsAreAccepted() throws Exception {
        Table table = parse("a.example 10.0.0.1 A\r\nb.example 10.0.0.2\r\n");
        assertEquals(2, table.names());
        assertEquals("10.0.0.2", lookup(table, "b.example", RecordType.A).get(0).data());
    }

    @ParameterizedTest(name = "line {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "lonely.example                                    | 1 | too few fields",
            "a.example 10.0.0.1\\nb.example 300.1.1.1           | 2 | bad IPv4 address '300.1.1.1'",
            "a.example 10.0.0                                  | 1 | bad IPv4 address",
            "a.example 10.0.0.1.5                              | 1 | bad IPv4 address",
            "a.example 10.0.0.1 TXT                            | 1 | unknown record type 'TXT'",
            "a.example 10.0.0.1 A soon                         | 1 | bad TTL 'soon'",
            "a.example 10.0.0.1 A -5                           | 1 | bad TTL '-5'",
            "a.example 10.0.0.1 A 60 extra                     | 1 | too many fields",
            "a..example 10.0.0.1                               | 1 | empty label",
            "v6.example 12345::1 AAAA                          | 1 | bad IPv6 address",
            "v6.example 10.0.0.1 AAAA                          | 1 | bad IPv6 address",
            "m.example 99999 mx.example MX                     | 1 | bad MX preference",
            "c.example bad..target CNAME                       | 1 | bad target name",
            "a.example 10.0.0.1 A 60\\n#c\\nA.example 10.0.0.2 A 120 | 3 | TTL 120 conflicts with TTL 60",
            "a.example 10.0.0.1\\na.example b.example CNAME      | 2 | a CNAME cannot stand beside other records",
    })
    void aBadLineStopsTheLoadWithFileLineAndReason(String text, int line, String reason) {
        TableException e = assertThrows(TableException.class, () -> parse(text.replace("\\n", "\n")));
        assertTrue(e.getMessage().startsWith("t.txt:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void aLabelOf64OctetsAndANameOf254AreRefusedWithTheirLine() {
        TableException label = assertThrows(TableException.class, () -> parse("ok.example 10.0.0.1\n" + "a".repeat(64) + ".com 10.0.0.1\n"));
        assertTrue(label.getMessage().startsWith("t.txt:2: label of 64 octets"), label.getMessage());
        String name254 = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(62));
        TableException name = assertThrows(TableException.class, () -> parse(name254 + " 10.0.0.1\n"));
        assertTrue(name.getMessage().startsWith("t.txt:1: name of 254 octets"), name.getMessage());
    }

    @Test
    void binaryJunkIsRefusedAsNotText() {
        byte[] junk = {'a', '.', 'b', ' ', '1', '.', '2', '.', '3', '.', '4', '\n', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'};
        TableException notUtf8 = assertThrows(TableException.class, () -> new TableParser().parse("t.txt", junk));
        assertEquals("t.txt:2: not UTF-8 text", notUtf8.getMessage());
        TableException control = assertThrows(TableException.class, () -> parse("a.example 10.0.0.1\n\u0000\u0001junk 1.2.3.4\n"));
        assertTrue(control.getMessage().startsWith("t.txt:2: control character"), control.getMessage());
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path huge = dir.resolve("huge.txt");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(1L << 30); // sparse: takes no disk and is never read
        }
        TableException e = assertThrows(TableException.class, () -> new TableParser().parse(huge));
        assertTrue(e.getMessage().startsWith(huge + ": 1073741824 bytes, over the limit"), e.getMessage());
    }

    @Test
    void aMissingFileIsAClearError(@TempDir Path dir) {
        TableException e = assertThrows(TableException.class, () -> new TableParser().parse(dir.resolve("absent.txt")));
        assertTrue(e.getMessage().contains("absent.txt: cannot read"), e.getMessage());
    }

    @Test
    void theSampleTablesLoad() throws Exception {
        for (String file : List.of("tables/PROJ2-DNSTS1.txt", "tables/PROJ2-DNSTS2.txt")) {
            assertTrue(new TableParser().parse(Path.of(file)).names() > 0, file);
        }
        assertTrue(Files.exists(Path.of("tables/PROJ2-HNS.txt")));
    }
}
