package io.dnsbroker.cli;

import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Keeps a long-running role alive until SIGTERM or Ctrl-C, then stops it gracefully. */
final class Lifecycle {
    /**
     * Longest a graceful stop may take. A broker that went away without the socket noticing can
     * leave a cancel waiting for a reply that never comes; the process exits anyway, and the
     * broker requeues whatever the role still held. Within compose's stop_grace_period (30 s).
     */
    static final long STOP_LIMIT_SECONDS = 25;

    private Lifecycle() {
    }

    /** Starts a role and what it needs; what it returns stops them all. */
    @FunctionalInterface
    interface Starter {
        AutoCloseable start() throws Exception;
    }

    /**
     * Starts the role with the stop hook already in place, so a SIGTERM that comes while the role
     * starts (a quick {@code docker stop}) waits for the start and then stops it gracefully.
     */
    static void serveUntilStopped(String role, Starter starter) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        CompletableFuture<AutoCloseable> server = new CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(stopper(role, "finishing the queries in hand", () -> {
            try {
                server.get(STOP_LIMIT_SECONDS, TimeUnit.SECONDS).close();
            } catch (ExecutionException e) {
                // it never started: nothing to stop
            } finally {
                stopped.countDown();
            }
        }));
        try {
            server.complete(starter.start());
        } catch (Exception | Error e) {
            server.completeExceptionally(e);
            throw e;
        }
        stopped.await();
    }

    /**
     * Closes a job's resource when the process is stopped (SIGTERM, Ctrl-C) before the job ends,
     * so the broker sees a clean close rather than a dropped socket. Closing the returned handle
     * when the job ends withdraws that.
     */
    static AutoCloseable closeOnStop(String role, AutoCloseable resource) {
        Thread hook = stopper(role, "stopping before its job ended", resource);
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the process is stopping already: the hook closes the resource
            }
        };
    }

    /** A shutdown hook that closes {@code resource} on a thread of its own, waiting at most the stop limit. */
    private static Thread stopper(String role, String what, AutoCloseable resource) {
        return new Thread(() -> {
            LoggerFactory.getLogger(Lifecycle.class).info("{} stopping: {}", role, what);
            Thread closer = new Thread(() -> {
                try {
                    resource.close();
                } catch (Exception e) {
                    LoggerFactory.getLogger(Lifecycle.class).warn("{} did not stop cleanly: {}", role, e.toString());
                }
            }, role + "-close");
            closer.setDaemon(true);
            closer.start();
            try {
                closer.join(TimeUnit.SECONDS.toMillis(STOP_LIMIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (closer.isAlive()) {
                LoggerFactory.getLogger(Lifecycle.class).warn("{} did not stop within {} s; exiting, the broker requeues what it held",
                        role, STOP_LIMIT_SECONDS);
            }
        }, role + "-shutdown");
    }
}
