package io.dnsbroker.bench;

import io.dnsbroker.testing.RabbitMqOnly;

import io.dnsbroker.cli.Main;
import io.dnsbroker.dns.Status;
import io.dnsbroker.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench at a tiny size, end to end over the real broker: its summary's counts add up. No timing is asserted. */
@RabbitMqOnly("its own vhost through the management HTTP API")
class BenchIT {
    private static final int QUERIES = 3_000;

    @Test
    void aTinyRunResolvesEveryNameRightAndItsCountsAddUp(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[]{"bench", "--amqp", TestBroker.uri(), "--namespace", "t" + UUID.randomUUID().toString().substring(0, 8),
                        "--queries", Integer.toString(QUERIES), "--names", "500", "--warm-up", "200", "--no-ceiling",
                        "--batch", "20", "--inflight", "200", "--timeout", "1s", "--dir", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, summary + err.toString(StandardCharsets.UTF_8));

        Matcher answers = Pattern.compile("answers +(.*); sum (\\d+) of (\\d+) sent").matcher(summary);
        assertTrue(answers.find(), summary);
        long byStatus = 0;
        for (Status status : Status.values()) {
            Matcher count = Pattern.compile("\\b" + status + " (\\d+)").matcher(answers.group(1));
            assertTrue(count.find(), "no count for " + status + " in " + answers.group(1));
            byStatus += Long.parseLong(count.group(1));
        }
        assertEquals(QUERIES, byStatus, "answers by status add up to the queries sent: " + summary);
        assertEquals(Long.toString(QUERIES), answers.group(2));
        assertEquals(Long.toString(QUERIES), answers.group(3));
        assertTrue(summary.contains("resolved   " + QUERIES + " names"), summary);
        assertTrue(summary.contains("check      every line matches the expected file"), summary);
        assertTrue(summary.contains("timeouts   0"), summary);
        Matcher messages = Pattern.compile("broker +(\\d+) messages delivered for the " + QUERIES + " measured names").matcher(summary);
        assertTrue(messages.find(), "the broker's messages are counted over the measured names alone: " + summary);
        assertTrue(Long.parseLong(messages.group(1)) > 0, summary);
    }
}
