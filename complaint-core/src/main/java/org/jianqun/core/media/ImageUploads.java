package org.jianqun.core.media;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.jianqun.core.http.ApiError;

/**
 * Reads one image from a {@code multipart/form-data} request (its file part named {@value #FIELD}) into memory,
 * never more than {@link ImageCleaner#MAX_BYTES}: a larger declared body is refused before a byte is read and a
 * larger stream as soon as it passes the limit (413, the connection closed). At most {@link #AT_ONCE} uploads are
 * held at a time per process (a flood gets 503 and Retry-After instead of the heap). Put it after the route's
 * authentication, which must leave the request paused (the reader resumes it); then {@link #bytes} gives the file.
 */
public final class ImageUploads {
    public static final String FIELD = "file";
    /** Room for the multipart boundaries, headers and other small fields around the file. */
    static final int ENVELOPE = 16 * 1024;
    static final int AT_ONCE = 16;
    private static final String BYTES = "jianqun.upload.bytes";

    private final AtomicInteger inFlight = new AtomicInteger();

    public Handler<RoutingContext> reader() {
        return ctx -> {
            HttpServerRequest request = ctx.request();
            String type = request.getHeader("Content-Type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
                ctx.fail(new ApiError(415, "not_multipart", "请以 multipart/form-data 上传图片，文件字段名为 " + FIELD));
                return;
            }
            String declared = request.getHeader("Content-Length");
            if (declared != null && tooLong(declared)) {
                ctx.fail(tooLarge());
                return;
            }
            if (inFlight.incrementAndGet() > AT_ONCE) {
                inFlight.decrementAndGet();
                ctx.fail(new ApiError(503, "uploads_busy", "上传的人太多，请稍后再试", new JsonObject().put("retryAfter", 2)));
                return;
            }
            Reading reading = new Reading(ctx);
            request.setExpectMultipart(true);
            request.uploadHandler(upload -> {
                if (!FIELD.equals(upload.name()) || reading.files++ > 0) {
                    reading.refuse(new ApiError(400, "bad_upload", "只能上传一个文件，字段名为 " + FIELD, new JsonObject().put("field", FIELD)));
                    return;
                }
                upload.handler(reading::take);
                upload.exceptionHandler(reading::broken);
            });
            request.exceptionHandler(reading::broken);
            request.endHandler(v -> reading.ended());
            request.resume();
        };
    }

    /** The file that {@link #reader} read. */
    public static byte[] bytes(RoutingContext ctx) {
        byte[] bytes = ctx.get(BYTES);
        if (bytes == null) {
            throw new IllegalStateException("route has no ImageUploads reader in front of it");
        }
        return bytes;
    }

    private static boolean tooLong(String declared) {
        try {
            return Long.parseLong(declared.trim()) > ImageCleaner.MAX_BYTES + ENVELOPE;
        } catch (NumberFormatException e) {
            return false; // the HTTP codec has already refused a malformed length
        }
    }

    static ApiError tooLarge() {
        return new ApiError(413, "image_too_large", "图片不能超过 " + ImageCleaner.MAX_BYTES / (1024 * 1024) + " MB",
                new JsonObject().put("limitBytes", ImageCleaner.MAX_BYTES));
    }

    /** One request's reading; every callback runs on the request's event loop. */
    private final class Reading {
        private final RoutingContext ctx;
        private final Buffer file = Buffer.buffer();
        private int files;
        private boolean done;

        Reading(RoutingContext ctx) {
            this.ctx = ctx;
        }

        void take(Buffer chunk) {
            if (done) {
                return;
            }
            if (file.length() + chunk.length() > ImageCleaner.MAX_BYTES) {
                refuse(tooLarge());
                return;
            }
            file.appendBuffer(chunk);
        }

        void broken(Throwable failure) {
            refuse(new ApiError(400, "bad_upload", "上传中断或格式错误，请重试"));
        }

        void refuse(ApiError error) {
            if (!done) {
                done = true;
                inFlight.decrementAndGet();
                ctx.fail(error);
            }
        }

        void ended() {
            if (done) {
                return;
            }
            done = true;
            inFlight.decrementAndGet();
            if (files == 0) {
                ctx.fail(new ApiError(400, "missing_file", "缺少图片文件（字段名 " + FIELD + "）", new JsonObject().put("field", FIELD)));
                return;
            }
            ctx.put(BYTES, file.getBytes());
            ctx.next();
        }
    }
}
