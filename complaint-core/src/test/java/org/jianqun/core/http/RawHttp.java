package org.jianqun.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A raw socket to the test server, for what a well-behaved HTTP client will not send. */
final class RawHttp implements AutoCloseable {
    /** What arrived, and whether the server hung up (rather than our read timing out). */
    record Answer(String text, boolean closedByServer) {
        int responses() {
            int n = 0;
            for (int i = text.indexOf("HTTP/1."); i >= 0; i = text.indexOf("HTTP/1.", i + 1)) {
                n++;
            }
            return n;
        }
    }

    private final Socket socket;

    RawHttp(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawHttp send(String ascii) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(ascii.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sends, ignoring a server that already hung up (what some tests wait for). */
    boolean trySend(String ascii) {
        try {
            send(ascii);
            return true;
        } catch (UncheckedIOException closed) {
            return false;
        }
    }

    /** Reads until the server closes or {@code wait} passes without it. */
    Answer readUntilClosed(Duration wait) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return new Answer(got.toString(StandardCharsets.UTF_8), false);
                }
                socket.setSoTimeout((int) Math.max(1, left));
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    return new Answer(got.toString(StandardCharsets.UTF_8), false);
                } catch (IOException reset) {
                    return new Answer(got.toString(StandardCharsets.UTF_8), true);
                }
                if (n < 0) {
                    return new Answer(got.toString(StandardCharsets.UTF_8), true);
                }
                got.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
