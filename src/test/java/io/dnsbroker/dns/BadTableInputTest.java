package io.dnsbroker.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad table line stops the load with one clear {@code file:line: reason}. */
class BadTableInputTest {
    private static final String LABEL_63 = "a".repeat(63);

    static Stream<Arguments> badLines() {
        String name254 = (LABEL_63 + ".").repeat(3) + "b".repeat(254 - 64 * 3);
        return Stream.of(
                Arguments.of("one field", "www.example.com", "too few fields"),
                Arguments.of("IPv4 octet over 255", "www.example.com 256.1.1.1", "bad IPv4 address '256.1.1.1'"),
                Arguments.of("IPv4 of three octets", "www.example.com 10.1.1", "bad IPv4 address '10.1.1'"),
                Arguments.of("IPv4 of five octets", "www.example.com 10.1.1.1.1", "bad IPv4 address"),
                Arguments.of("IPv4 with letters", "www.example.com 10.1.x.1", "bad IPv4 address"),
                Arguments.of("IPv4 with a leading zero", "www.example.com 10.01.1.1", "bad IPv4 address"),
                Arguments.of("IPv4 in Arabic-Indic digits", "www.example.com \u0661.\u0662.\u0663.\u0664", "bad IPv4 address"),
                Arguments.of("label of 64 octets", "a" + LABEL_63 + ".example.com 10.0.0.1", "label of 64 octets, over 63"),
                Arguments.of("name of 254 octets", name254 + " 10.0.0.1", "name of 254 octets, over 253"),
                Arguments.of("empty label", "a..example.com 10.0.0.1", "empty label"),
                Arguments.of("unknown type", "www.example.com 10.0.0.1 AX", "unknown record type 'AX'"),
                Arguments.of("negative TTL", "www.example.com 10.0.0.1 A -5", "bad TTL '-5'"),
                Arguments.of("too many fields", "www.example.com 10.0.0.1 A 60 extra", "too many fields"),
                Arguments.of("NUL byte", "www.example.com\u0000 10.0.0.1", "control character \\u0000"),
                Arguments.of("escape sequence", "\u001b[31mwww.example.com 10.0.0.1", "control character \\u001b"),
                Arguments.of("non-ASCII name", "b\u00fccher.example 10.0.0.1", "character '\\u00fc' not allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void aBadLineStopsTheLoadNamingFileLineAndReason(String what, String line, String reason) {
        byte[] table = ("# a comment\nok.example.com 10.0.0.1\n" + line + "\nlater.example.com 10.0.0.2\n").getBytes(StandardCharsets.UTF_8);
        TableException e = assertThrows(TableException.class, () -> new TableParser().parse("t.txt", table));
        assertTrue(e.getMessage().startsWith("t.txt:3: "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), "'" + e.getMessage() + "' lacks '" + reason + "'");
    }

    @Test
    void conflictingTtlsForOneRecordSetNameBothLines() {
        byte[] table = "www.example.com 10.0.0.1 A 60\nother.example.com 10.0.0.9\nWWW.example.com 10.0.0.2 A 300\n"
                .getBytes(StandardCharsets.UTF_8);
        TableException e = assertThrows(TableException.class, () -> new TableParser().parse("t.txt", table));
        assertEquals("t.txt:3: TTL 300 conflicts with TTL 60 of the same A records of WWW.example.com (line 1)", e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAsBinary() {
        byte[] table = {'o', 'k', '.', 'c', 'o', 'm', ' ', '1', '.', '2', '.', '3', '.', '4', '\n', (byte) 0xff, (byte) 0xfe, 0x01, '\n'};
        TableException e = assertThrows(TableException.class, () -> new TableParser().parse("junk.bin", table));
        assertEquals("junk.bin:2: not UTF-8 text", e.getMessage());
    }

    @Test
    void crlfLineEndingsReadLikeLf() throws Exception {
        byte[] table = "# windows\r\nwww.example.com 10.0.0.1 A 60\r\n\r\nmail.example.com 10.0.0.2\r\n".getBytes(StandardCharsets.UTF_8);
        Table parsed = new TableParser().parse("crlf.txt", table);
        assertEquals(2, parsed.names());
        Record record = parsed.lookup(Name.parse("www.example.com"), RecordType.A).get(0);
        assertEquals("10.0.0.1", record.data());
        assertEquals(60, record.ttl());
    }

    @Test
    void aOneGigabyteFileIsRefusedBySizeBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path huge = dir.resolve("huge.txt");
        // Sparse: the file claims 1 GiB but takes no disk, and the parser must not try to read it.
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(1L << 30);
        }
        TableException e = assertThrows(TableException.class, () -> new TableParser().parse(huge));
        assertEquals(huge + ": 1073741824 bytes, over the limit of " + TableParser.DEFAULT_MAX_BYTES + " bytes for a table", e.getMessage());
    }

    @Test
    void aMissingFileIsReportedByName(@TempDir Path dir) {
        Path missing = dir.resolve("nope.txt");
        TableException e = assertThrows(TableException.class, () -> new TableParser().parse(missing));
        assertTrue(e.getMessage().startsWith(missing + ": cannot read"), e.getMessage());
    }
}
