package io.dnsbroker.dns;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameTest {
    @Test
    void comparesCaseInsensitivelyAndIgnoresTheTrailingDot() throws Exception {
        Name written = Name.parse("GOOGLE.com");
        Name asked = Name.parse("google.COM.");
        assertEquals(written, asked);
        assertEquals(written.hashCode(), asked.hashCode());
        assertEquals("GOOGLE.com", written.text(), "the spelling is kept for display");
        assertEquals("google.COM", asked.text(), "the trailing dot is dropped");
        assertNotEquals(Name.parse("google.org"), written);
    }

    @Test
    void acceptsNamesAtTheLimits() throws Exception {
        String label63 = "a".repeat(63);
        Name.parse(label63 + ".com");
        String name253 = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61));
        assertEquals(253, name253.length());
        Name.parse(name253);
        Name.parse(name253 + ".");
    }

    @ParameterizedTest(name = "''{0}'' is invalid: {1}")
    @CsvSource(delimiter = '|', value = {
            "a..b                 | empty label",
            ".leading.dot         | empty label",
            "''                   | empty name",
            "'   '                | empty name",
            ".                    | empty name",
            "has space.com        | not allowed",
            "bücher.de            | not allowed",
            "semi;colon.org       | not allowed",
    })
    void rejectsNamesThatBreakRfc1035(String raw, String reason) {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> Name.parse(raw));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void rejectsALabelOf64OctetsAndANameOf254() {
        InvalidNameException label = assertThrows(InvalidNameException.class, () -> Name.parse("a".repeat(64) + ".com"));
        assertTrue(label.getMessage().contains("64 octets"), label.getMessage());
        String name254 = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(62));
        InvalidNameException name = assertThrows(InvalidNameException.class, () -> Name.parse(name254));
        assertTrue(name.getMessage().contains("254 octets"), name.getMessage());
    }
}
