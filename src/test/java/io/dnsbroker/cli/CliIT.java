package io.dnsbroker.cli;

import io.dnsbroker.client.ClientSettings;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subcommands as a user runs them, in-process, with their exit codes and output. */
class CliIT {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void clientNamesPrintEveryAnswerInOrderLikeDig() throws Exception {
        try (Deployment d = new Deployment("ts1", "ts2")) {
            d.ts("ts1", Deployment.table("GOOGLE.com 46.1.3.7 A"));
            d.ts("ts2", Deployment.table("www.princeton.edu 128.1.1.4 A"));
            d.rs();
            int exit = run("client", "--amqp", TestBroker.uri(), "--namespace", d.namespace(),
                    "www.princeton.edu", " google.com. ", "nope.example", "bad..name");
            assertEquals(0, exit, err.toString());
            String printed = out.toString(StandardCharsets.UTF_8);
            List<String> expectedInOrder = List.of(
                    ";; QUESTION: www.princeton.edu. IN A", "www.princeton.edu.\t300\tIN\tA\t128.1.1.4",
                    ";; QUESTION: google.com. IN A", "GOOGLE.com.\t300\tIN\tA\t46.1.3.7",
                    ";; QUESTION: nope.example. IN A", ";; STATUS: NXDOMAIN (HOST NOT FOUND)",
                    ";; QUESTION: bad..name. IN A", ";; STATUS: FORMERR (INVALID NAME)");
            int from = 0;
            for (String line : expectedInOrder) {
                int at = printed.indexOf(line, from);
                assertTrue(at >= from, "missing or out of order: " + line + "\n" + printed);
                from = at + line.length();
            }
        }
    }

    @Test
    void aBadTableLineStopsStartUpWithFileLineAndExitCode2(@TempDir Path dir) throws Exception {
        Path table = dir.resolve("bad.txt");
        Files.writeString(table, "ok.example 10.0.0.1\nbad.example 999.0.0.1\n");
        int exit = run("run", "--amqp", TestBroker.uri(), "--namespace", "unused", "--table", "ts1=" + table, "--out", dir.resolve("o").toString());
        assertEquals(2, exit);
        assertEquals(table + ":2: bad IPv4 address '999.0.0.1'", err.toString(StandardCharsets.UTF_8).strip());
        assertEquals(2, run("ts", "--amqp", TestBroker.uri(), "--group", "ts1", "--table", table.toString()));
    }

    @Test
    void aClientWithoutRsSaysWhatIsMissing() {
        int exit = run("client", "--amqp", TestBroker.uri(), "--namespace", "t-no-rs-here", "google.com");
        assertEquals(1, exit);
        assertTrue(err.toString().contains("no queue t-no-rs-here.rs at the broker: is RS running"), err.toString());
    }

    @Test
    void anUnreachableBrokerIsAClearFailure() {
        int exit = run("client", "--amqp", "amqp://guest:secret@127.0.0.1:1", "google.com");
        assertEquals(1, exit);
        String message = err.toString();
        assertTrue(message.contains("cannot connect to amqp://guest:***@127.0.0.1:1"), message);
        assertTrue(!message.contains("secret"), "the password stays out of the log");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, run("client", "--timeout", "soon", "x.example"));
        assertTrue(err.toString().contains("'soon' is not a duration"), err.toString());
        assertEquals(2, run("rs", "--groups", "ts1,ts1"));
        assertEquals(0, run("client", "--help"));
        String help = out.toString().replaceAll("\\s+", " "); // help text wraps anywhere
        assertTrue(help.contains("--inflight") && help.contains("default " + ClientSettings.DEFAULT_INFLIGHT), out.toString());
    }
}
