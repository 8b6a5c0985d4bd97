package io.dnsbroker.dns;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableParserCnameTest {
    private static Table parse(String text) throws TableException {
        return new TableParser().parse("t.txt", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aNameIsAnAliasOfOneNameOnly() throws Exception {
        TableException e = assertThrows(TableException.class,
                () -> parse("www.x.com a.y.net CNAME\nwww.x.com b.y.net CNAME\n"));
        assertEquals("t.txt:2: www.x.com has a CNAME already (line 1): a name is an alias of one name only", e.getMessage());
        assertEquals(1, parse("www.x.com a.y.net CNAME\nWWW.x.com A.y.net. CNAME\n").records(), "the same CNAME twice is one record");
    }
}
