package io.dnsbroker.protocol;

import io.dnsbroker.dns.Status;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswerCodecTest {
    private static final RecordData A = new RecordData("www.x.com", "A", "1.1.1.1", 30);

    @Test
    void theStaleMarkTravelsOnlyWhenSet() throws Exception {
        byte[] fresh = Codec.encode(new AnswerBatch(null, List.of(new Answer("q1", Status.NOERROR, List.of(A)))));
        assertFalse(new String(fresh, StandardCharsets.UTF_8).contains("stale"), "fresh answers keep the old shape");
        assertFalse(Codec.decodeAnswers(fresh).answers().get(0).stale());

        byte[] stale = Codec.encode(new AnswerBatch(null, List.of(new Answer("q1", Status.NOERROR, List.of(A), true))));
        assertTrue(new String(stale, StandardCharsets.UTF_8).contains("\"stale\":true"));
        Answer decoded = Codec.decodeAnswers(stale).answers().get(0);
        assertEquals(new Answer("q1", Status.NOERROR, List.of(A), true), decoded);
        assertTrue(decoded.withId("q2").stale());
    }
}
