package io.dnsbroker.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dnsbroker.dns.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StreamingCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void queriesRoundTripAndReadAsTheContractWritesThem() throws Exception {
        QueryBatch batch = new QueryBatch(List.of(
                new Query("a-1", "www.princeton.edu", "A", 1_763_880_000_000L),
                new Query("a-2", "Tricky\"Name\\é", "MX", 5L)));
        assertEquals(batch, Codec.decodeQueries(Codec.encode(batch)));
        assertEquals(JSON.readTree("{\"queries\":[{\"id\":\"a-1\",\"name\":\"www.princeton.edu\",\"deadline\":1763880000000},"
                        + "{\"id\":\"a-2\",\"name\":\"Tricky\\\"Name\\\\é\",\"type\":\"MX\",\"deadline\":5}]}"),
                JSON.readTree(Codec.encode(batch)));
    }

    @Test
    void aQueryWithoutTypeAsksForA() throws Exception {
        QueryBatch read = Codec.decodeQueries("{\"queries\":[{\"id\":\"q\",\"name\":\"x.com\",\"deadline\":5},{\"id\":\"r\",\"name\":\"y.com\",\"type\":null,\"deadline\":5}]}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("A", "A"), read.queries().stream().map(Query::type).toList());
        assertEquals(read, Codec.decodeQueries(Codec.encode(new QueryBatch(List.of(new Query("q", "x.com", null, 5), new Query("r", "y.com", "A", 5))))));
    }

    @Test
    void answersOmitEmptyRecordsAndAbsentGroup() throws Exception {
        AnswerBatch fromRs = new AnswerBatch(null, List.of(Answer.of("q1", Status.NXDOMAIN)));
        assertEquals(JSON.readTree("{\"answers\":[{\"id\":\"q1\",\"status\":\"NXDOMAIN\"}]}"), JSON.readTree(Codec.encode(fromRs)));
        AnswerBatch fromTs = new AnswerBatch("ts1", List.of(
                new Answer("q2", Status.NOERROR, List.of(new RecordData("GOOGLE.com", "A", "46.1.3.7", 300))),
                Answer.of("q3", Status.FORMERR)));
        JsonNode written = JSON.readTree(Codec.encode(fromTs));
        assertEquals(JSON.readTree("{\"group\":\"ts1\",\"answers\":[{\"id\":\"q2\",\"status\":\"NOERROR\",\"records\":"
                + "[{\"name\":\"GOOGLE.com\",\"type\":\"A\",\"data\":\"46.1.3.7\",\"ttl\":300}]},{\"id\":\"q3\",\"status\":\"FORMERR\"}]}"), written);
        assertEquals(fromRs, Codec.decodeAnswers(Codec.encode(fromRs)));
        assertEquals(fromTs, Codec.decodeAnswers(Codec.encode(fromTs)));
    }

    @Test
    void theStaleMarkIsWrittenOnlyWhenSetAndReadBack() throws Exception {
        RecordData a = new RecordData("www.x.com", "A", "1.1.1.1", 30);
        AnswerBatch stale = new AnswerBatch(null, List.of(new Answer("q", Status.NOERROR, List.of(a), true), new Answer("r", Status.NOERROR, List.of(a))));
        assertEquals(JSON.readTree("{\"answers\":[{\"id\":\"q\",\"status\":\"NOERROR\",\"records\":[{\"name\":\"www.x.com\",\"type\":\"A\","
                + "\"data\":\"1.1.1.1\",\"ttl\":30}],\"stale\":true},{\"id\":\"r\",\"status\":\"NOERROR\",\"records\":[{\"name\":\"www.x.com\","
                + "\"type\":\"A\",\"data\":\"1.1.1.1\",\"ttl\":30}]}]}"), JSON.readTree(Codec.encode(stale)));
        assertEquals(stale, Codec.decodeAnswers(Codec.encode(stale)));
    }

    @Test
    void fieldsInAnyOrderAndUnknownFieldsAreRead() throws Exception {
        QueryBatch batch = Codec.decodeQueries(bytes("{\"v\":2,\"queries\":[{\"deadline\":9,\"extra\":{\"a\":[1,2]},\"name\":\"x.com\",\"id\":\"i\"}],\"more\":[]}"));
        assertEquals(List.of(new Query("i", "x.com", "A", 9)), batch.queries());
        AnswerBatch answers = Codec.decodeAnswers(bytes("{\"answers\":[{\"records\":null,\"status\":\"TIMEOUT\",\"id\":\"i\",\"x\":[]}],\"group\":\"g\"}"));
        assertEquals(new AnswerBatch("g", List.of(Answer.of("i", Status.TIMEOUT))), answers);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "[]", "null", "{", "not json", "{\"queries\":[]}", "{\"queries\":null}", "{\"queries\":{}}",
            "{\"queries\":[null]}", "{\"queries\":[7]}", "{\"queries\":[{\"id\":\"i\",\"name\":\"n\"}]}",
            "{\"queries\":[{\"id\":\"i\",\"name\":\"n\",\"deadline\":\"soon\"}]}",
            "{\"queries\":[{\"id\":1,\"name\":\"n\",\"deadline\":5}]}",
            "{\"queries\":[{\"id\":\"i\",\"name\":\"n\",\"deadline\":5}]} trailing"})
    void malformedQueriesAreRefused(String body) {
        assertThrows(MalformedMessageException.class, () -> Codec.decodeQueries(bytes(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", "{\"answers\":[]}", "{\"answers\":[{\"id\":\"i\"}]}", "{\"answers\":[{\"id\":\"i\",\"status\":\"MAYBE\"}]}",
            "{\"answers\":[{\"status\":\"NOERROR\"}]}", "{\"answers\":[{\"id\":\"i\",\"status\":\"NOERROR\",\"records\":[3]}]}"})
    void malformedAnswersAreRefused(String body) {
        assertThrows(MalformedMessageException.class, () -> Codec.decodeAnswers(bytes(body)));
    }

    @Test
    void anOversizedBodyIsRefusedUnread() {
        assertThrows(MalformedMessageException.class, () -> Codec.decodeQueries(new byte[Codec.MAX_BODY_BYTES + 1]));
    }
}
