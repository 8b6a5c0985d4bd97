package io.dnsbroker.cli;

import io.dnsbroker.client.FileResolver;
import io.dnsbroker.client.ResolveSummary;
import io.dnsbroker.client.ResolverClient;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/** Resolves the --in file into the --out file and reports how it went on stderr. */
final class FileJob {
    private FileJob() {
    }

    static ResolveSummary run(ResolverClient client, ClientOptions options, PrintStream err) throws IOException, InterruptedException {
        ResolveSummary summary;
        try (BufferedReader in = Files.newBufferedReader(options.in, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(options.out, StandardCharsets.UTF_8)) {
            summary = new FileResolver(client, io.dnsbroker.dns.RecordType.A, options.inflight, err, System.console() != null).resolve(in, out);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(e.getFile(), null, "no such hostname file");
        }
        err.println(summary + "; wrote " + options.out);
        return summary;
    }
}
