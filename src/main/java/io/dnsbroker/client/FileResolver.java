package io.dnsbroker.client;

import io.dnsbroker.dns.RecordType;
import io.dnsbroker.protocol.Answer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Resolves a file of hostnames, one a line, and writes one answer line per name in input order,
 * while many queries are in flight. Blank lines and {@code #} comments are skipped.
 */
public final class FileResolver {
    private final ResolverClient client;
    private final RecordType type;
    private final int window;
    private final Progress progress;

    public FileResolver(ResolverClient client, RecordType type, int window, PrintStream progressOut, boolean showProgress) {
        this.client = client;
        this.type = type;
        this.window = window;
        this.progress = new Progress(progressOut, showProgress);
    }

    private record Line(String name, CompletableFuture<Answer> answer) {
    }

    private static final Line END = new Line(null, null);

    private AnswerListener listener;

    public ResolveSummary resolve(BufferedReader in, Writer out) throws IOException, InterruptedException {
        ResolveSummary summary = new ResolveSummary();
        long start = System.nanoTime();
        BlockingQueue<Line> inOrder = new ArrayBlockingQueue<>(window + 1);
        CompletableFuture<Void> writing = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            try {
                writeInOrder(inOrder, out, summary);
                writing.complete(null);
            } catch (RuntimeException e) {
                writing.completeExceptionally(e);
            }
        }, "client-writer");
        writer.start();
        String raw;
        while ((raw = in.readLine()) != null && !writing.isDone()) {
            String name = raw.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                put(inOrder, new Line(name, client.resolve(name, type)), writing);
            }
        }
        put(inOrder, END, writing);
        try {
            writing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
        out.flush();
        summary.finish(System.nanoTime() - start);
        progress.done();
        return summary;
    }

    /**
     * Waits for room in the window, unless the writer has stopped (it failed): then its failure
     * surfaces in join. The listener's clock starts here, once resolve has returned: the wait for
     * room in the client's window is not part of a query's latency.
     */
    private void put(BlockingQueue<Line> inOrder, Line line, CompletableFuture<Void> writing) throws InterruptedException {
        AnswerListener told = listener;
        if (told != null && line.answer() != null) {
            long sent = System.nanoTime();
            line.answer().thenAccept(answer -> told.answered(answer, System.nanoTime() - sent));
        }
        while (!inOrder.offer(line, 100, TimeUnit.MILLISECONDS)) {
            if (writing.isDone()) {
                return;
            }
        }
    }

    /** Told of every answer as it arrives, with the time since its query was handed to the client. */
    @FunctionalInterface
    public interface AnswerListener {
        void answered(Answer answer, long latencyNanos);
    }

    /** Sets who hears of each answer as it comes (the benchmark's latency histogram); none by default. */
    public FileResolver listener(AnswerListener listener) {
        this.listener = listener;
        return this;
    }

    private void writeInOrder(BlockingQueue<Line> inOrder, Writer out, ResolveSummary summary) {
        try {
            for (Line line = inOrder.take(); line != END; line = inOrder.take()) {
                Answer answer = line.answer().get();
                out.write(AnswerLine.format(line.name(), answer));
                out.write('\n');
                summary.count(answer.status());
                progress.tick(summary.total());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a query failed instead of being answered", e.getCause());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
