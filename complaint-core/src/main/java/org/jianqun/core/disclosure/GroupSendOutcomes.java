package org.jianqun.core.disclosure;

import java.util.Collection;
import java.util.List;

/**
 * How the owner-confirmed group-sends of disclosure versions into external WeCom groups came out. The
 * gateway owns those tasks and their table; core asks through this port (as the console does through
 * {@code ChatSideReports}) so that the push report counts an external group as delivered only when its
 * owner confirmed the send. Blocking.
 */
public interface GroupSendOutcomes {
    /** What became of the task of one version ({@code disclosureId}) in one external group. */
    enum Status { QUEUED, CREATED, SENT, REFUSED, EXPIRED, FAILED }

    record Outcome(long disclosureId, String chatId, Status status, String lastError) {
    }

    /** The tasks of these disclosure versions (request keys {@code disclosure:<id>@<chat>}). */
    List<Outcome> ofDisclosures(Collection<Long> disclosureIds);

    /** Where no gateway keeps group-send tasks (a platform without WeCom): none. */
    GroupSendOutcomes NONE = ids -> List.of();
}
