package org.jianqun.gateway.outbound;

/** How one attempt to deliver went: sent, worth retrying later, failed for good, or with nowhere to go yet. */
public sealed interface Delivery {
    record Sent() implements Delivery {
    }

    /** 5xx, 429/45009, a timeout: the same message (same delivery id) is tried again after a backoff. */
    record Retry(String why) implements Delivery {
    }

    /** The receiver refused it for good (4xx): recorded and shown, not retried. */
    record Failed(String why) implements Delivery {
    }

    /** The destination's pace is used up: sent later, not counted as a failed attempt. */
    record Paced(java.time.Duration after) implements Delivery {
    }

    /** No channel can carry it yet (not configured, or no route to that audience): kept, shown, not retried. */
    record Held(String why) implements Delivery {
    }

    /**
     * Goes on as other messages, each delivered and tracked on its own: a notice to a level becomes one
     * per group, a long text one per part, a reply for an external group one to its cadres to forward.
     */
    record Routed(java.util.List<org.jianqun.core.outbox.OutboxMessage> onward, String how) implements Delivery {
        public Routed {
            onward = java.util.List.copyOf(onward);
        }
    }
}
