package io.dnsbroker.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One DNS-over-TCP connection (RFC 7766): pipelined queries, each a two-byte length and a
 * message, answered as their answers come, out of order. A reader thread takes queries while
 * fewer than the pipeline limit are unanswered; a writer thread sends responses, so a client
 * that reads slowly stalls only its own connection.
 */
final class TcpConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpConnection.class);
    private static final byte[] END = new byte[0];

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final DnsHandler handler;
    private final int pipeline;
    /** A permit per query the client may still send before it must read; memory stays bounded. */
    private final Semaphore window;
    private final BlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
    private final Consumer<TcpConnection> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread reader;
    private final Thread writer;

    TcpConnection(Socket socket, DnsHandler handler, GatewaySettings settings, Consumer<TcpConnection> onClose) throws IOException {
        this.socket = socket;
        this.handler = handler;
        this.pipeline = settings.tcpPipeline();
        this.window = new Semaphore(pipeline);
        this.onClose = onClose;
        socket.setSoTimeout((int) settings.tcpIdle().toMillis());
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
        String peer = String.valueOf(socket.getRemoteSocketAddress());
        this.reader = new Thread(this::readLoop, "gateway-tcp-read " + peer);
        this.writer = new Thread(this::writeLoop, "gateway-tcp-write " + peer);
        reader.setDaemon(true);
        writer.setDaemon(true);
    }

    void start() {
        writer.start();
        reader.start();
    }

    private void readLoop() {
        try {
            while (true) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (SocketTimeoutException e) {
                    if (window.availablePermits() == pipeline) {
                        return;
                    }
                    continue;
                } catch (EOFException e) {
                    // The client has sent all it will: answer what it asked, then close.
                    window.acquire(pipeline);
                    return;
                }
                byte[] packet = new byte[length];
                in.readFully(packet);
                window.acquire();
                CompletableFuture<byte[]> response = handler.handle(packet, Transport.TCP);
                if (response == null) {
                    window.release();
                } else {
                    response.thenAccept(outbox::add);
                }
            }
        } catch (IOException e) {
            LOG.debug("TCP read from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
        } catch (InterruptedException e) {
            // closed while waiting for answers
        } finally {
            close();
        }
    }

    private void writeLoop() {
        try {
            for (byte[] response = outbox.take(); response != END; response = outbox.take()) {
                byte[] frame = new byte[response.length + 2];
                frame[0] = (byte) (response.length >> 8);
                frame[1] = (byte) response.length;
                System.arraycopy(response, 0, frame, 2, response.length);
                out.write(frame);
                window.release();
            }
        } catch (IOException e) {
            LOG.debug("TCP write to {} failed: {}", socket.getRemoteSocketAddress(), e.toString());
        } catch (InterruptedException e) {
            // closed
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        onClose.accept(this);
        TcpServer.closeQuietly(socket);
        outbox.add(END);
        reader.interrupt();
    }
}
