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
    @CsvSource({"2000ms, PT2S", "1.5s, PT1.5S", "2m, PT2M", "6h, PT6H", "1d, PT24H", "250, PT0.25S", "0s, PT0S"})
    void reads(String text, Duration expected) {
        assertEquals(expected, new DurationConverter().convert(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "1w", "1.5d", "ten seconds"})
    void refusesWithTheExpectedForms(String text) {
        CommandLine.TypeConversionException e = assertThrows(CommandLine.TypeConversionException.class,
                () -> new DurationConverter().convert(text));
        assertEquals("'" + text + "' is not a duration (like 2000ms, 2s, 1m, 1h, 1d)", e.getMessage());
    }
}
