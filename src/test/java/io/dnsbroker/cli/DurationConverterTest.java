package io.dnsbroker.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationConverterTest {
    @ParameterizedTest
    @CsvSource({"2000ms,2000", "2s,2000", "1.5s,1500", "1m,60000", "250,250", "' 3S ',3000"})
    void readsTheUsualSpellings(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), new DurationConverter().convert(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "", "ms", "2h"})
    void refusesAnythingElseClearly(String text) {
        CommandLine.TypeConversionException e = assertThrows(CommandLine.TypeConversionException.class,
                () -> new DurationConverter().convert(text));
        assertEquals("'" + text + "' is not a duration (like 2000ms, 2s, 1m)", e.getMessage());
    }
}
