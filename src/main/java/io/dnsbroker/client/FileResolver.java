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
    private final int window;
    private final Progress progress;
    private AnswerListener listener;

    public FileResolver(ResolverClient client, int window, PrintStream progressOut, boolean showProgress) {
        this.client = client;
        this.window = window;
        this.progress = new Progress(progressOut, showProgress);
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

    private record Line(String name, CompletableFuture<Answer> answer) {
    }

    private static final Line END = new Line(null, null);

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
                put(inOrder, new Line(name, send(name)), writing);
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

    private CompletableFuture<Answer> send(String name) throws InterruptedException {
        if (listener == null) {
            return client.resolve(name, RecordType.A);
        }
        // Timed from after resolve returns: the wait for room in the window is not the query's latency.
        CompletableFuture<Answer> answer = client.resolve(name, RecordType.A);
        long sent = System.nanoTime();
        AnswerListener told = listener;
        answer.thenAccept(a -> told.answered(a, System.nanoTime() - sent));
        return answer;
    }

    /** Waits for room in the window, unless the writer has stopped (it failed): then its failure surfaces in join. */
    private static void put(BlockingQueue<Line> inOrder, Line line, CompletableFuture<Void> writing) throws InterruptedException {
        while (!inOrder.offer(line, 100, TimeUnit.MILLISECONDS)) {
            if (writing.isDone()) {
                return;
            }
        }
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
