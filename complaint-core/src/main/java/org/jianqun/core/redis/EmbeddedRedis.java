package org.jianqun.core.redis;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.HexFormat;
import redis.embedded.RedisServer;

/**
 * A real Redis 6.2 server from the embedded-redis Maven package, for the no-configuration default
 * and for tests without a configured Redis. It binds a free loopback port, so it never collides with
 * a Redis the machine already runs, and keeps nothing on disk (Redis holds only what may be lost).
 * Loopback is open to every account on the machine, so it requires a password made up for this run
 * (a session hash written into an open Redis would be a login): it goes to the server in the
 * config file embedded-redis writes (created 0600), never on the command line, where {@code ps}
 * would show it.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private final RedisServer server;
    private final int port;
    private final char[] password;

    private EmbeddedRedis(RedisServer server, int port, char[] password) {
        this.server = server;
        this.port = port;
        this.password = password;
    }

    public static EmbeddedRedis start() {
        try {
            int port = freeLoopbackPort();
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("requirepass " + password)
                    .build();
            server.start();
            return new EmbeddedRedis(server, port, password.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Redis", e);
        }
    }

    public RedisURI uri() {
        return RedisURI.builder().withHost("127.0.0.1").withPort(port).withPassword(password).build();
    }

    /** {@link #uri()} as a JIANQUN_REDIS_URL for a process of its own: {@link RedisURI#toURI()} leaves the password out. */
    public String url() {
        return "redis://" + new String(password) + "@127.0.0.1:" + port;
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
