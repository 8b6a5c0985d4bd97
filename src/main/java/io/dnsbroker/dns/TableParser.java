package io.dnsbroker.dns;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a table file: one record a line, {@code name value [type] [ttl]}, type A when absent,
 * {@code name preference exchange MX [ttl]} for MX, {@code #} comments, blank lines. Any bad line
 * stops the load with {@code file:line: reason}.
 */
public final class TableParser {
    /** Ten million names fit in far less; a larger file is a mistake, refused before it is read. */
    public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;

    private final long maxBytes;

    public TableParser() {
        this(DEFAULT_MAX_BYTES);
    }

    public TableParser(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public Table parse(Path file) throws TableException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new TableException(file + ": " + size + " bytes, over the limit of " + maxBytes + " bytes for a table");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TableException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), bytes);
    }

    public Table parse(String source, byte[] bytes) throws TableException {
        Builder builder = new Builder(source);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int lineNumber = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNumber++;
            String line;
            try {
                line = utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                throw new TableException(source + ":" + lineNumber + ": not UTF-8 text");
            }
            builder.add(line, lineNumber);
            start = end + 1;
        }
        return builder.build();
    }

    private static final class Builder {
        private final String source;
        private final Map<String, List<Record>> recordsByKey = new LinkedHashMap<>();
        private final Map<String, Integer> firstLineOfRrset = new HashMap<>();

        Builder(String source) {
            this.source = source;
        }

        void add(String rawLine, int lineNumber) throws TableException {
            String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
            int comment = line.indexOf('#');
            if (comment >= 0) {
                line = line.substring(0, comment);
            }
            line = line.strip();
            if (line.isEmpty()) {
                return;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (Character.isISOControl(c) && c != '\t') {
                    throw error(lineNumber, String.format("control character \\u%04x: not a text line", (int) c));
                }
            }
            try {
                add(parseRecord(line.split("\\s+")), lineNumber);
            } catch (InvalidNameException | RecordType.InvalidRecordException e) {
                throw error(lineNumber, e.getMessage());
            }
        }

        private Record parseRecord(String[] fields) throws InvalidNameException, RecordType.InvalidRecordException {
            if (fields.length < 2) {
                throw new RecordType.InvalidRecordException("too few fields: expected 'name value [type] [ttl]'");
            }
            Name name = Name.parse(fields[0]);
            boolean mx = fields.length >= 4 && RecordType.byName(fields[3]) == RecordType.MX;
            int typeAt = mx ? 3 : 2;
            String data = mx ? fields[1] + " " + fields[2] : fields[1];
            RecordType type = RecordType.A;
            if (fields.length > typeAt) {
                type = RecordType.byName(fields[typeAt]);
                if (type == null) {
                    throw new RecordType.InvalidRecordException("unknown record type '" + fields[typeAt] + "'");
                }
            }
            int ttl = Record.DEFAULT_TTL;
            if (fields.length > typeAt + 1) {
                ttl = parseTtl(fields[typeAt + 1]);
            }
            if (fields.length > typeAt + 2) {
                throw new RecordType.InvalidRecordException("too many fields: expected 'name value [type] [ttl]'");
            }
            return Record.of(name, type, data, ttl);
        }

        private static int parseTtl(String field) throws RecordType.InvalidRecordException {
            try {
                int ttl = Integer.parseInt(field);
                if (ttl >= 0) {
                    return ttl;
                }
            } catch (NumberFormatException ignored) {
                // reported below with the field
            }
            throw new RecordType.InvalidRecordException("bad TTL '" + field + "' (0 to 2147483647 seconds)");
        }

        private void add(Record record, int lineNumber) throws TableException {
            List<Record> records = recordsByKey.computeIfAbsent(record.name().key(), k -> new ArrayList<>());
            for (Record other : records) {
                boolean cnameClash = (record.type() == RecordType.CNAME) != (other.type() == RecordType.CNAME);
                if (cnameClash) {
                    throw error(lineNumber, "a CNAME cannot stand beside other records for " + record.name()
                            + " (line " + firstLineOfRrset.get(rrsetKey(other)) + ")");
                }
                if (record.type() == RecordType.CNAME && other.type() == RecordType.CNAME && !other.equals(record)) {
                    throw error(lineNumber, record.name() + " has a CNAME already (line " + firstLineOfRrset.get(rrsetKey(other))
                            + "): a name is an alias of one name only");
                }
                if (other.type() == record.type() && other.ttl() != record.ttl()) {
                    throw error(lineNumber, "TTL " + record.ttl() + " conflicts with TTL " + other.ttl() + " of the same "
                            + record.type() + " records of " + record.name() + " (line " + firstLineOfRrset.get(rrsetKey(other)) + ")");
                }
            }
            firstLineOfRrset.putIfAbsent(rrsetKey(record), lineNumber);
            if (!records.contains(record)) {
                records.add(record);
            }
        }

        private static String rrsetKey(Record record) {
            return record.name().key() + " " + record.type();
        }

        private TableException error(int lineNumber, String reason) {
            return new TableException(source + ":" + lineNumber + ": " + reason);
        }

        Table build() {
            Map<String, List<Record>> frozen = new HashMap<>(recordsByKey.size() * 2);
            recordsByKey.forEach((key, records) -> frozen.put(key, List.copyOf(records)));
            return new Table(source, frozen);
        }
    }
}
