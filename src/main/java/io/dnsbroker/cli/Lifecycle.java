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
}
