package io.dnsbroker.cli;

import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/** Keeps a long-running role alive until SIGTERM or Ctrl-C, then stops it gracefully. */
final class Lifecycle {
    private Lifecycle() {
    }

    static void serveUntilStopped(String role, AutoCloseable server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LoggerFactory.getLogger(Lifecycle.class).info("{} stopping: finishing the queries in hand", role);
            try {
                server.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(Lifecycle.class).warn("{} did not stop cleanly: {}", role, e.toString());
            }
            stopped.countDown();
        }, role + "-shutdown"));
        stopped.await();
    }

    /**
     * Closes a job's resource when the process is stopped (SIGTERM, Ctrl-C) before the job ends,
     * so the broker sees a clean close rather than a dropped socket. Closing the returned handle
     * when the job ends withdraws that.
     */
    static AutoCloseable closeOnStop(String role, AutoCloseable resource) {
        Thread hook = new Thread(() -> {
            LoggerFactory.getLogger(Lifecycle.class).info("{} stopping before its job ended", role);
            try {
                resource.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(Lifecycle.class).warn("{} did not stop cleanly: {}", role, e.toString());
            }
        }, role + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the process is stopping already: the hook closes the resource
            }
        };
    }
}
