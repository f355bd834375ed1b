package org.jianqun.core.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/**
 * The named worker pool where JDBC, blocking Redis commands and password hashing run, so that no
 * event loop ever blocks. Unordered: requests do not queue behind each other.
 */
public final class BlockingWork {
    public static final String POOL_NAME = "jianqun-blocking";
    public static final int POOL_SIZE = 32;

    private final WorkerExecutor executor;

    public BlockingWork(Vertx vertx) {
        this.executor = vertx.createSharedWorkerExecutor(POOL_NAME, POOL_SIZE);
    }

    public <T> Future<T> run(Callable<T> work) {
        return executor.executeBlocking(work, false);
    }

    public void close() {
        executor.close();
    }
}
