package io.dnsbroker.rs;

import io.dnsbroker.protocol.RecordData;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.dnsbroker.rs.AnswerCacheTest.a;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class RotationTest {
    @Test
    void eachAnswerStartsOneRecordFurtherAndKeepsTheCyclicOrder() {
        Rotation rotation = new Rotation();
        List<RecordData> set = List.of(a("w", "1.1.1.1", 1), a("w", "2.2.2.2", 1), a("w", "3.3.3.3", 1));
        Map<String, Integer> firsts = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            List<RecordData> rotated = rotation.next(set);
            assertEquals(Set.copyOf(set), Set.copyOf(rotated), "every record, every time");
            int start = set.indexOf(rotated.get(0));
            assertEquals(set.get((start + 1) % 3), rotated.get(1));
            firsts.merge(rotated.get(0).data(), 1, Integer::sum);
        }
        assertEquals(Map.of("1.1.1.1", 2, "2.2.2.2", 2, "3.3.3.3", 2), firsts);
    }

    @Test
    void aSingleRecordIsLeftAlone() {
        List<RecordData> one = List.of(a("w", "1.1.1.1", 1));
        assertSame(one, new Rotation().next(one));
    }
}
