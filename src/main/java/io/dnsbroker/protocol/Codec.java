package io.dnsbroker.protocol;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.dnsbroker.dns.Status;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JSON encoding of the message contract. Decoding checks the shape, so a handler only ever sees
 * batches whose every query or answer has the fields it needs; fields it does not know are skipped.
 *
 * <p>Written on Jackson's streaming parser and generator rather than data binding: every query
 * crosses this class four times and every answer four times, and binding (reflection, property
 * lookup, a context per call) cost about 40 % of the resolver's CPU in the benchmark.
 */
public final class Codec {
    public static final String CONTENT_TYPE = "application/json";
    /** Far above any sane batch (10 000 queries are about 1 MB); a bigger body is refused unread. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /** A query's type when it names none, as in the tables: not written, since nearly every query is one. */
    public static final String DEFAULT_TYPE = "A";

    private static final JsonFactory JSON = new JsonFactory();
    private static final Status[] STATUSES = Status.values();
    // Names and statuses quoted and UTF-8 encoded once, not escaped again for every query.
    private static final SerializedString QUERIES = new SerializedString("queries");
    private static final SerializedString ANSWERS = new SerializedString("answers");
    private static final SerializedString GROUP = new SerializedString("group");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString DEADLINE = new SerializedString("deadline");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString RECORDS = new SerializedString("records");
    private static final SerializedString DATA = new SerializedString("data");
    private static final SerializedString TTL = new SerializedString("ttl");
    private static final SerializedString STALE = new SerializedString("stale");
    private static final SerializedString[] STATUS_VALUES = Arrays.stream(STATUSES).map(s -> new SerializedString(s.name()))
            .toArray(SerializedString[]::new);

    private Codec() {
    }

    public static byte[] encode(QueryBatch batch) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(64 + 96 * batch.queries().size());
        try (JsonGenerator out = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeFieldName(QUERIES);
            out.writeStartArray();
            for (Query query : batch.queries()) {
                out.writeStartObject();
                out.writeFieldName(ID);
                out.writeString(query.id());
                out.writeFieldName(NAME);
                out.writeString(query.name());
                if (query.type() != null && !query.type().equals(DEFAULT_TYPE)) {
                    out.writeFieldName(TYPE);
                    out.writeString(query.type());
                }
                out.writeFieldName(DEADLINE);
                out.writeNumber(query.deadline());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + batch, e);
        }
        return bytes.toByteArray();
    }

    public static byte[] encode(AnswerBatch batch) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(64 + 64 * batch.answers().size());
        try (JsonGenerator out = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            out.writeStartObject();
            if (batch.group() != null) {
                out.writeFieldName(GROUP);
                out.writeString(batch.group());
            }
            out.writeFieldName(ANSWERS);
            out.writeStartArray();
            for (Answer answer : batch.answers()) {
                out.writeStartObject();
                out.writeFieldName(ID);
                out.writeString(answer.id());
                out.writeFieldName(STATUS);
                if (answer.status() == null) {
                    out.writeNull();
                } else {
                    out.writeString(STATUS_VALUES[answer.status().ordinal()]);
                }
                if (!answer.records().isEmpty()) {
                    out.writeFieldName(RECORDS);
                    out.writeStartArray();
                    for (RecordData record : answer.records()) {
                        out.writeStartObject();
                        out.writeFieldName(NAME);
                        out.writeString(record.name());
                        out.writeFieldName(TYPE);
                        out.writeString(record.type());
                        out.writeFieldName(DATA);
                        out.writeString(record.data());
                        out.writeFieldName(TTL);
                        out.writeNumber(record.ttl());
                        out.writeEndObject();
                    }
                    out.writeEndArray();
                }
                if (answer.stale()) {
                    out.writeFieldName(STALE);
                    out.writeBoolean(true);
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + batch, e);
        }
        return bytes.toByteArray();
    }

    public static QueryBatch decodeQueries(byte[] body) throws MalformedMessageException {
        checkSize(body);
        List<Query> queries = null;
        try (JsonParser in = JSON.createParser(body)) {
            startObject(in);
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken value = in.nextToken();
                if (field.equals("queries") && value != JsonToken.VALUE_NULL) {
                    queries = objects(in, value, field, Codec::query);
                } else {
                    in.skipChildren();
                }
            }
            endOfBody(in);
        } catch (IOException e) {
            throw malformed(e);
        }
        if (queries == null || queries.isEmpty()) {
            throw new MalformedMessageException("no 'queries' array");
        }
        for (Query query : queries) {
            if (query == null || query.id() == null || query.name() == null || query.deadline() <= 0) {
                throw new MalformedMessageException("a query lacks 'id', 'name' or 'deadline': " + query);
            }
        }
        return new QueryBatch(queries);
    }

    /**
     * Runs one query batch and one answer batch through the codec. Otherwise the first message a
     * process handles pays for loading and initialising Jackson, which took seconds on a busy
     * host, more than a query's whole deadline; roles call this before they take work.
     */
    public static void warmUp() {
        try {
            decodeQueries(encode(new QueryBatch(List.of(new Query("warm-up", "warm.up", "A", 1)))));
            decodeAnswers(encode(new AnswerBatch("warm-up",
                    List.of(new Answer("warm-up", Status.NOERROR, List.of(new RecordData("warm.up", "A", "192.0.2.1", 1)))))));
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("the codec cannot read what it writes", e);
        }
    }

    /** Reads one object of an array; called with the parser on its START_OBJECT. */
    @FunctionalInterface
    private interface ObjectReader<T> {
        T read(JsonParser in) throws IOException, MalformedMessageException;
    }

    /** An array of objects, each read by {@code reader}; an element that is no object reads as null, for the caller to refuse. */
    private static <T> List<T> objects(JsonParser in, JsonToken value, String field, ObjectReader<T> reader)
            throws IOException, MalformedMessageException {
        expect(in, value, JsonToken.START_ARRAY, field);
        List<T> read = new ArrayList<>();
        while ((value = in.nextToken()) != JsonToken.END_ARRAY) {
            read.add(value == JsonToken.START_OBJECT ? reader.read(in) : null);
            in.skipChildren();
        }
        return read;
    }

    private static Query query(JsonParser in) throws IOException, MalformedMessageException {
        String id = null;
        String name = null;
        String type = null;
        long deadline = 0;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = in.nextToken();
            switch (field) {
                case "id" -> id = text(in, value, field);
                case "name" -> name = text(in, value, field);
                case "type" -> type = text(in, value, field);
                case "deadline" -> deadline = number(in, value, field);
                default -> in.skipChildren();
            }
        }
        return new Query(id, name, type == null ? DEFAULT_TYPE : type, deadline);
    }

    public static AnswerBatch decodeAnswers(byte[] body) throws MalformedMessageException {
        checkSize(body);
        String group = null;
        List<Answer> answers = null;
        try (JsonParser in = JSON.createParser(body)) {
            startObject(in);
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken value = in.nextToken();
                if (field.equals("group")) {
                    group = text(in, value, field);
                } else if (field.equals("answers") && value != JsonToken.VALUE_NULL) {
                    answers = objects(in, value, field, Codec::answer);
                } else {
                    in.skipChildren();
                }
            }
            endOfBody(in);
        } catch (IOException e) {
            throw malformed(e);
        }
        if (answers == null || answers.isEmpty()) {
            throw new MalformedMessageException("no 'answers' array");
        }
        for (Answer answer : answers) {
            if (answer == null || answer.id() == null || answer.status() == null) {
                throw new MalformedMessageException("an answer lacks 'id' or 'status': " + answer);
            }
        }
        return new AnswerBatch(group, answers);
    }

    private static Answer answer(JsonParser in) throws IOException, MalformedMessageException {
        String id = null;
        Status status = null;
        List<RecordData> records = List.of();
        boolean stale = false;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = in.nextToken();
            switch (field) {
                case "id" -> id = text(in, value, field);
                case "status" -> status = status(text(in, value, field));
                case "records" -> records = records(in, value);
                case "stale" -> stale = value == JsonToken.VALUE_TRUE;
                default -> in.skipChildren();
            }
        }
        return new Answer(id, status, records, stale);
    }

    private static List<RecordData> records(JsonParser in, JsonToken value) throws IOException, MalformedMessageException {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expect(in, value, JsonToken.START_ARRAY, "records");
        List<RecordData> records = new ArrayList<>(2);
        while ((value = in.nextToken()) != JsonToken.END_ARRAY) {
            expect(in, value, JsonToken.START_OBJECT, "records[]");
            String name = null;
            String type = null;
            String data = null;
            int ttl = 0;
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken token = in.nextToken();
                switch (field) {
                    case "name" -> name = text(in, token, field);
                    case "type" -> type = text(in, token, field);
                    case "data" -> data = text(in, token, field);
                    case "ttl" -> ttl = (int) number(in, token, field);
                    default -> in.skipChildren();
                }
            }
            records.add(new RecordData(name, type, data, ttl));
        }
        return records;
    }

    private static Status status(String name) throws MalformedMessageException {
        if (name == null) {
            return null;
        }
        for (Status status : STATUSES) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        throw new MalformedMessageException("unknown status '" + name + "'");
    }

    private static void startObject(JsonParser in) throws IOException, MalformedMessageException {
        JsonToken first = in.nextToken();
        if (first == null) {
            throw new MalformedMessageException("empty body");
        }
        expect(in, first, JsonToken.START_OBJECT, "the body");
    }

    private static void endOfBody(JsonParser in) throws IOException, MalformedMessageException {
        if (in.currentToken() != JsonToken.END_OBJECT || in.nextToken() != null) {
            throw new MalformedMessageException("not a JSON message of the expected shape: trailing content at " + in.currentLocation());
        }
    }

    private static String text(JsonParser in, JsonToken value, String field) throws MalformedMessageException, IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new MalformedMessageException("'" + field + "' is " + value + ", not a string, at " + in.currentLocation());
        }
        return in.getText();
    }

    private static long number(JsonParser in, JsonToken value, String field) throws MalformedMessageException, IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return in.getLongValue();
        }
        if (value == JsonToken.VALUE_NULL) {
            return 0;
        }
        throw new MalformedMessageException("'" + field + "' is " + value + ", not a whole number, at " + in.currentLocation());
    }

    private static void expect(JsonParser in, JsonToken actual, JsonToken wanted, String what) throws MalformedMessageException {
        if (actual != wanted) {
            throw new MalformedMessageException("not a JSON message of the expected shape: " + what + " is " + actual
                    + ", expected " + wanted + " at " + in.currentLocation());
        }
    }

    private static void checkSize(byte[] body) throws MalformedMessageException {
        if (body.length > MAX_BODY_BYTES) {
            throw new MalformedMessageException("body of " + body.length + " bytes, over the limit of " + MAX_BODY_BYTES);
        }
    }

    private static MalformedMessageException malformed(IOException e) {
        String message = e.getMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        return new MalformedMessageException("not a JSON message of the expected shape: "
                + (newline < 0 ? message : message.substring(0, newline)), e);
    }
}
