package org.jianqun.gateway.wecom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The message archive for tests: messages the test adds, handed out by seq as WeCom's archive does. */
public final class FakeArchive implements MessageArchive {
    private final List<Archived> messages = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> askedAfter = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean down;

    public void add(Archived message) {
        messages.add(message);
    }

    /** While down, every pull fails as a network or SDK fault would. */
    public void down(boolean down) {
        this.down = down;
    }

    /** The afterSeq of every pull so far. */
    public List<Long> askedAfter() {
        return List.copyOf(askedAfter);
    }

    @Override
    public List<Archived> pull(long afterSeq, int limit) throws Unavailable {
        askedAfter.add(afterSeq);
        if (down) {
            throw new Unavailable("the archive is down (test)", null);
        }
        synchronized (messages) {
            return messages.stream().filter(m -> m.seq() > afterSeq).sorted((a, b) -> Long.compare(a.seq(), b.seq())).limit(limit).toList();
        }
    }
}
