package io.dnsbroker.protocol;

import io.dnsbroker.dns.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecTest {
    @Test
    void aQueryBatchRoundTripsAsReadableJson() throws Exception {
        QueryBatch batch = new QueryBatch(List.of(new Query("c-1", "www.princeton.edu", "A", 1_700_000_000_000L),
                new Query("c-2", "google.com", "MX", 1_700_000_000_500L)));
        byte[] body = Codec.encode(batch);
        assertEquals("{\"queries\":[{\"id\":\"c-1\",\"name\":\"www.princeton.edu\",\"deadline\":1700000000000},"
                + "{\"id\":\"c-2\",\"name\":\"google.com\",\"type\":\"MX\",\"deadline\":1700000000500}]}", new String(body, StandardCharsets.UTF_8));
        assertEquals(batch, Codec.decodeQueries(body));
        assertEquals(1_700_000_000_500L, batch.latestDeadline());
    }

    @Test
    void anAnswerBatchRoundTripsAndOmitsEmptyRecords() throws Exception {
        AnswerBatch batch = new AnswerBatch("ts1", List.of(
                new Answer("r-1", Status.NOERROR, List.of(new RecordData("GOOGLE.com", "A", "46.1.3.7", 300))),
                Answer.of("r-2", Status.NXDOMAIN)));
        byte[] body = Codec.encode(batch);
        String json = new String(body, StandardCharsets.UTF_8);
        assertTrue(json.contains("{\"id\":\"r-2\",\"status\":\"NXDOMAIN\"}"), json);
        assertEquals(batch, Codec.decodeAnswers(body));
        assertFalse(new String(Codec.encode(new AnswerBatch(null, batch.answers())), StandardCharsets.UTF_8).contains("group"));
    }

    @Test
    void unknownFieldsAreIgnoredSoNewerSendersStayReadable() throws Exception {
        String json = "{\"queries\":[{\"id\":\"1\",\"name\":\"a.b\",\"deadline\":5,\"extra\":true}],\"v\":2}";
        Query query = Codec.decodeQueries(json.getBytes(StandardCharsets.UTF_8)).queries().get(0);
        assertEquals("a.b", query.name());
        assertEquals("A", query.type(), "an absent type means A");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "",
            "null",
            "[]",
            "{}",
            "{\"queries\":[]}",
            "{\"queries\":[null]}",
            "{\"queries\":[{\"name\":\"a.b\",\"deadline\":5}]}",
            "{\"queries\":[{\"id\":\"1\",\"deadline\":5}]}",
            "{\"queries\":[{\"id\":\"1\",\"name\":\"a.b\"}]}",
            "{\"queries\":\"a.b\"}",
            "{\"queries\":[{\"id\":\"1\",\"name\":\"a.b\",\"deadline\":\"soon\"}]}",
    })
    void aMalformedQueryMessageIsRefused(String body) {
        assertThrows(MalformedMessageException.class, () -> Codec.decodeQueries(body.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"answers\":[{\"id\":\"1\"}]}",
            "{\"answers\":[{\"status\":\"NOERROR\"}]}",
            "{\"answers\":[{\"id\":\"1\",\"status\":\"MAYBE\"}]}",
            "{\"group\":\"ts1\"}",
    })
    void aMalformedAnswerMessageIsRefused(String body) {
        assertThrows(MalformedMessageException.class, () -> Codec.decodeAnswers(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aBodyOverTheLimitIsRefusedUnread() {
        byte[] huge = new byte[Codec.MAX_BODY_BYTES + 1];
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> Codec.decodeQueries(huge));
        assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
    }
}
