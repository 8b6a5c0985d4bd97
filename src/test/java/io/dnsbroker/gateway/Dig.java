package io.dnsbroker.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real {@code dig} (Debian's bind9-dnsutils) against a server and reads its answer. */
final class Dig {
    private static final Pattern STATUS = Pattern.compile("status: (\\w+)");
    private static final Pattern FLAGS = Pattern.compile(";; flags: ([a-z ]+);");

    /** What dig printed: the status, the header flags, the answer lines ({@code name ttl class type data}). */
    record Result(String status, List<String> flags, List<String> answers, String output) {
        @Override
        public String toString() {
            return output;
        }
    }

    private Dig() {
    }

    /** One try, a 3 s wait: a server that does not answer in time fails the test rather than being retried. */
    static Result query(InetSocketAddress server, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dig", "@" + server.getAddress().getHostAddress(),
                "-p", String.valueOf(server.getPort()), "+tries=1", "+timeout=3"));
        command.addAll(List.of(args));
        Process dig;
        try {
            dig = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run dig: install it with 'apt-get install bind9-dnsutils' (.ci/run does)", e);
        }
        String output = new String(dig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!dig.waitFor(10, TimeUnit.SECONDS)) {
            dig.destroyForcibly();
        }
        Matcher status = STATUS.matcher(output);
        Matcher flags = FLAGS.matcher(output);
        return new Result(status.find() ? status.group(1) : "no answer",
                flags.find() ? List.of(flags.group(1).strip().split(" ")) : List.of(),
                answers(output), output);
    }

    private static List<String> answers(String output) {
        List<String> answers = new ArrayList<>();
        boolean inAnswer = false;
        for (String line : output.split("\n")) {
            if (line.startsWith(";; ANSWER SECTION:")) {
                inAnswer = true;
            } else if (line.isBlank() || line.startsWith(";")) {
                inAnswer = false;
            } else if (inAnswer) {
                answers.add(String.join(" ", line.strip().split("\\s+")));
            }
        }
        return answers;
    }
}
