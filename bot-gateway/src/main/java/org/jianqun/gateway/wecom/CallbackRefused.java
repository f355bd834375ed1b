package org.jianqun.gateway.wecom;

import java.time.Duration;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.BoundedLog;
import org.slf4j.LoggerFactory;

/**
 * A WeCom callback (app or intelligent robot) that is not taken, and why. Each reason has the HTTP
 * status DESIGN.md promises for it; nothing of a refused callback is stored.
 */
public final class CallbackRefused extends RuntimeException {
    public enum Reason {
        /** msg_signature does not match token + timestamp + nonce + ciphertext, or is missing. */
        BAD_SIGNATURE(401, "bad_signature"),
        /** timestamp missing, not a number, or more than five minutes away from now (replays). */
        STALE_TIMESTAMP(401, "stale_timestamp"),
        /** Decrypts, but was sealed for another corp (or, for the robot, for an app): not ours. */
        WRONG_RECEIVER(403, "wrong_receiver"),
        /** Not UTF-8, not XML/JSON, a DTD or entity, no Encrypt, or a ciphertext that does not decrypt. */
        MALFORMED(400, "bad_request"),
        TOO_LARGE(413, "payload_too_large");

        private final int status;
        private final String code;

        Reason(int status, String code) {
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }
    }

    /** Bounded and rate-limited: whoever can reach the URL can cause these lines. */
    private static final BoundedLog REFUSALS = new BoundedLog(LoggerFactory.getLogger("jianqun.wecom.refused"), 5, Duration.ofSeconds(10), 300);

    private final Reason reason;

    public CallbackRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The refusal as the caller hears it, noted in the log (our words only, never the input's). */
    public ApiError answer(String endpoint) {
        REFUSALS.warn(endpoint + " refused a callback (" + reason.code + "): " + getMessage());
        return toApiError();
    }

    public ApiError toApiError() {
        return new ApiError(reason.status, reason.code, getMessage());
    }
}
