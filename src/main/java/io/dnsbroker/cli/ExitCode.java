package io.dnsbroker.cli;

/** The exit codes of every subcommand. */
final class ExitCode {
    /** The work completed, whatever the answers were. */
    static final int OK = 0;
    /** The broker could not be reached or failed mid-run. */
    static final int FAILURE = 1;
    /** Bad options or bad input (a bad table line): fix the command or the file. */
    static final int USAGE = 2;

    private ExitCode() {
    }
}
