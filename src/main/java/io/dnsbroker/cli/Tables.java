package io.dnsbroker.cli;

import io.dnsbroker.dns.Table;
import io.dnsbroker.dns.TableException;
import io.dnsbroker.dns.TableParser;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/** Table loading for the commands: a bad table stops start-up. */
final class Tables {
    private Tables() {
    }

    static Table load(Path file) throws TableException {
        Table table = new TableParser().parse(file);
        LoggerFactory.getLogger(Tables.class).debug("loaded {}: {} names", file, table.names());
        return table;
    }
}
