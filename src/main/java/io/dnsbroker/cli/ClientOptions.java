package io.dnsbroker.cli;

import io.dnsbroker.client.ClientSettings;
import io.dnsbroker.dns.RecordType;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** The options of whoever resolves a file: the client and the all-in-one run. */
final class ClientOptions {
    @Option(names = "--in", paramLabel = "FILE", defaultValue = "${env:IN:-tables/PROJ2-HNS.txt}",
            description = "Hostnames to resolve, one a line (env IN; default ${DEFAULT-VALUE}).")
    Path in;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "${env:OUT:-RESOLVED.txt}",
            description = "Where the answer lines go, in input order (env OUT; default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "${env:TIMEOUT:-2000ms}", converter = DurationConverter.class,
            description = "Deadline of each query; RS answers TIMED OUT then (env TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--inflight", paramLabel = "N", defaultValue = "${env:INFLIGHT:-" + ClientSettings.DEFAULT_INFLIGHT + "}",
            description = "Queries outstanding at once (env INFLIGHT; default ${DEFAULT-VALUE}).")
    int inflight;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "${env:BATCH:-" + ClientSettings.DEFAULT_BATCH + "}",
            description = "Most queries in one message; queries waiting together go together (env BATCH; default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "${env:TYPE:-A}",
            description = "Record type asked for every name: A, AAAA, CNAME, MX or NS (env TYPE; default ${DEFAULT-VALUE}).")
    String type;

    RecordType type() {
        RecordType parsed = RecordType.byName(type);
        if (parsed == null) {
            throw new IllegalArgumentException("--type: unknown record type '" + type + "' (one of "
                    + String.join(", ", Arrays.stream(RecordType.values()).map(Enum::name).toList()) + ")");
        }
        return parsed;
    }

    @Option(names = "--retries", paramLabel = "N", defaultValue = "${env:RETRIES:-" + ClientSettings.DEFAULT_RETRIES + "}",
            description = "Times an unanswered query is sent again, with a timeout doubled each time, before TIMED OUT (env RETRIES; default ${DEFAULT-VALUE}).")
    int retries;

    ClientSettings settings() {
        return new ClientSettings().timeout(timeout).inflight(inflight).batch(batch).retries(retries);
    }
}
