package io.dnsbroker.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.dnsbroker.dns.Status;

import java.io.IOException;
import java.util.List;

/**
 * JSON encoding of the message contract. Decoding checks the shape, so a handler only ever sees
 * batches whose every query or answer has the fields it needs.
 */
public final class Codec {
    public static final String CONTENT_TYPE = "application/json";
    /** Far above any sane batch (10 000 queries are about 1 MB); a bigger body is refused unread. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectReader QUERY_READER = MAPPER.readerFor(QueryBatch.class);
    private static final ObjectReader ANSWER_READER = MAPPER.readerFor(AnswerBatch.class);
    private static final ObjectWriter WRITER = MAPPER.writer();

    private Codec() {
    }

    public static byte[] encode(QueryBatch batch) {
        return write(batch);
    }

    public static byte[] encode(AnswerBatch batch) {
        return write(batch);
    }

    private static byte[] write(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value, e);
        }
    }

    public static QueryBatch decodeQueries(byte[] body) throws MalformedMessageException {
        QueryBatch batch = read(QUERY_READER, body);
        if (batch.queries() == null || batch.queries().isEmpty()) {
            throw new MalformedMessageException("no 'queries' array");
        }
        for (Query query : batch.queries()) {
            if (query == null || query.id() == null || query.name() == null || query.deadline() <= 0) {
                throw new MalformedMessageException("a query lacks 'id', 'name' or 'deadline': " + query);
            }
        }
        return batch;
    }

    public static AnswerBatch decodeAnswers(byte[] body) throws MalformedMessageException {
        AnswerBatch batch = read(ANSWER_READER, body);
        if (batch.answers() == null || batch.answers().isEmpty()) {
            throw new MalformedMessageException("no 'answers' array");
        }
        for (Answer answer : batch.answers()) {
            if (answer == null || answer.id() == null || answer.status() == null) {
                throw new MalformedMessageException("an answer lacks 'id' or 'status': " + answer);
            }
        }
        return batch;
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

    private static <T> T read(ObjectReader reader, byte[] body) throws MalformedMessageException {
        if (body.length > MAX_BODY_BYTES) {
            throw new MalformedMessageException("body of " + body.length + " bytes, over the limit of " + MAX_BODY_BYTES);
        }
        try {
            T value = reader.readValue(body);
            if (value == null) {
                throw new MalformedMessageException("empty body");
            }
            return value;
        } catch (IOException e) {
            throw new MalformedMessageException("not a JSON message of the expected shape: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
