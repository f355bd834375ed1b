package org.jianqun.core.redis;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A real Redis 6.2 server from the embedded-redis Maven package, for the no-configuration default
 * and for tests without a configured Redis. It binds a free loopback port, so it never collides with
 * a Redis the machine already runs, and keeps nothing on disk (Redis holds only what may be lost).
 */
public final class EmbeddedRedis implements AutoCloseable {
    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedRedis start() {
        try {
            int port = freeLoopbackPort();
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            return new EmbeddedRedis(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Redis", e);
        }
    }

    public RedisURI uri() {
        return RedisURI.create("127.0.0.1", port);
    }

    public int port() {
        return port;
    }

    public boolean isActive() {
        return server.isActive();
    }

    public void stop() {
        try {
            if (server.isActive()) {
                server.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
