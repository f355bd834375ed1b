package org.jianqun.gateway.wecom;

import java.time.Instant;
import java.util.List;

/**
 * WeCom's message archive (会话内容存档): the only official source of what villagers say in external
 * groups. Messages come in order of an ever-growing {@code seq}; a reader asks for those after the
 * last one it has. The production implementation is {@link WxMessageArchive} (WxJava + the native SDK);
 * tests use a fake.
 */
public interface MessageArchive {
    /**
     * One archived message, decrypted. {@code roomId} is the group (empty for one-to-one chats);
     * {@code msgType} is WeCom's ({@code text}, {@code voice}, {@code image}, …); {@code text} is set for
     * text; {@code voiceSeconds} for voice; {@code action} is {@code send}, {@code recall} or {@code switch}.
     */
    record Archived(long seq, String msgId, String action, String roomId, String from, String msgType, String text,
                    Integer voiceSeconds, Instant sentAt) {
    }

    /** A pull that did not happen (network, SDK, credentials): nothing is advanced, the next pull starts at the same place. */
    final class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Blocking. At most {@code limit} messages with seq greater than {@code afterSeq}, in seq order. */
    List<Archived> pull(long afterSeq, int limit) throws Unavailable;
}
