package io.dnsbroker.client;

import io.dnsbroker.cli.Main;
import io.dnsbroker.dns.Table;
import io.dnsbroker.testing.Deployment;
import io.dnsbroker.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A hostname file with every kind of awkward line, through the client command: blank lines and
 * comments are skipped, CRLF and surrounding whitespace are trimmed, and a line that is no name
 * (10 000 characters, non-ASCII, not UTF-8) gets its own INVALID NAME line while the rest resolve.
 */
class BadHostnameInputIT {
    private static final Table TS1 = Deployment.table("www.example.com 10.0.0.1", "b.example.com 10.0.0.2");

    @Test
    void awkwardLinesGetOneClearLineEachAndTheRestResolve(@TempDir Path dir) throws Exception {
        String longLine = "a".repeat(10_000);
        byte[] notUtf8 = {'x', (byte) 0xff, (byte) 0xfe, '.', 'c', 'o', 'm'};
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(("# resolve these\r\n"
                + "\r\n"
                + "www.example.com\r\n"
                + "   \t\n"
                + "  B.example.com  \t\r\n"
                + longLine + "\n"
                + "b\u00fccher.example.com\n"
                + "\u4f8b\u3048.jp\n").getBytes(StandardCharsets.UTF_8));
        file.writeBytes(notUtf8);
        file.writeBytes("\n# the end, no newline after the last name\nnosuch.example.com".getBytes(StandardCharsets.UTF_8));
        Path in = dir.resolve("names.txt");
        Files.write(in, file.toByteArray());
        Path out = dir.resolve("RESOLVED.txt");

        try (Deployment d = new Deployment("ts1")) {
            d.ts("ts1", TS1);
            d.rs();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = Main.run(new String[]{"client", "--amqp", TestBroker.uri(), "--namespace", d.namespace(),
                    "--in", in.toString(), "--out", out.toString()}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
            assertEquals(0, exit, err.toString());
        }
        assertEquals(List.of(
                "www.example.com 10.0.0.1 A IN",
                "b.example.com 10.0.0.2 A IN",
                longLine + " - Error:INVALID NAME",
                "b\u00fccher.example.com - Error:INVALID NAME",
                "\u4f8b\u3048.jp - Error:INVALID NAME",
                "x\ufffd\ufffd.com - Error:INVALID NAME",
                "nosuch.example.com - Error:HOST NOT FOUND"), Files.readAllLines(out, StandardCharsets.UTF_8));
    }
}
