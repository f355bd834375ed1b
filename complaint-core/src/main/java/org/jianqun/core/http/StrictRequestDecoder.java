package org.jianqun.core.http;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Vert.x's HTTP/1.x request decoder, refusing a request whose body length is ambiguous (RFC 9112 §6.1, §6.3)
 * instead of guessing: {@code Transfer-Encoding} together with {@code Content-Length}, in an HTTP/1.0 request, or
 * with any coding but a single {@code chunked}. Netty would drop the Content-Length and read chunks, or ignore an
 * unknown coding and read Content-Length bytes — whichever way a proxy in front reads it differently, the rest is a
 * second, hidden request. Refusing here, where framing is decided, means Netty stops reading the connection at
 * once (its bad-message state discards everything after), so nothing smuggled is ever parsed; the server answers
 * 400 and closes.
 * <p>
 * Vert.x offers no public hook for the decoder, so this one is put in place of Vert.x's own
 * ({@code "httpDecoder"}) when a connection opens, before it has read a byte; {@link #install} says false when
 * the pipeline is not the one this was written against, and the connection is then refused.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {
    private static final String NAME = "httpDecoder";

    /** Why a request's framing was refused; the invalid-request handler answers with its words. */
    static final class AmbiguousFraming extends IllegalArgumentException {
        AmbiguousFraming(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // refused input, not a bug: no stack to walk
        }
    }

    private StrictRequestDecoder(HttpServerOptions options) {
        super(options);
    }

    static boolean install(HttpConnection connection, HttpServerOptions options) {
        if (!(connection instanceof HttpServerConnection internal)) {
            return false;
        }
        ChannelPipeline pipeline = internal.channelHandlerContext().pipeline();
        if (pipeline.get(NAME) == null || pipeline.get(NAME).getClass() != VertxHttpRequestDecoder.class) {
            return false;
        }
        pipeline.replace(NAME, NAME, new StrictRequestDecoder(options));
        return true;
    }

    /** Netty asks this once the headers are read and before it decides how long the body is: the place to check. */
    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
        checkFraming(message);
        return super.isContentAlwaysEmpty(message);
    }

    /** Netty's default drops the Content-Length; {@link #checkFraming} has already refused, this is the backstop. */
    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new AmbiguousFraming("Content-Length and Transfer-Encoding together");
    }

    static void checkFraming(HttpMessage message) {
        List<String> lines = message.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (lines.isEmpty()) {
            return;
        }
        if (message.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            throw new AmbiguousFraming("Content-Length and Transfer-Encoding together: the body's length is ambiguous");
        }
        if (!HttpVersion.HTTP_1_1.equals(message.protocolVersion())) {
            throw new AmbiguousFraming("Transfer-Encoding in an HTTP/1.0 request");
        }
        List<String> codings = new ArrayList<>();
        for (String line : lines) {
            for (String coding : line.split(",", -1)) {
                codings.add(coding.strip());
            }
        }
        if (codings.size() != 1 || !codings.get(0).equalsIgnoreCase("chunked")) {
            throw new AmbiguousFraming("Transfer-Encoding must be exactly 'chunked' (no other coding is read here)");
        }
    }
}
