package org.jianqun.miniapp.reports;

import java.util.Optional;
import org.jianqun.core.audit.AuditRow;
import org.jianqun.core.persistence.TicketRow;

/**
 * The steps of a ticket its reporter sees, in the words they would hear in a group: what happened and when,
 * never who inside handled it, an escalation's internal reason, warnings, tiers, deadline recounts or others'
 * urging. Only the result written for them (办结) and a rejection's reason are quoted.
 */
final class ReporterSteps {
    private ReporterSteps() {
    }

    /** A step as shown, or empty for one the reporter does not see. */
    static Optional<String> text(AuditRow step, TicketRow ticket) {
        return switch (step.type()) {
            case "REGISTERED" -> Optional.of("已登记，由" + levelOf(step) + "办理");
            case "CLAIMED" -> Optional.of("已受理，正在办理");
            case "ESCALATED", "ESCALATED_OVERDUE" -> Optional.of("已上报至" + levelOf(step) + "办理");
            case "RESOLVED" -> Optional.of("已办结：" + resolutionOf(step));
            case "REOPENED" -> Optional.of("您评价不满意，已重新办理");
            case "RATING_REMINDED" -> Optional.of("请评价办理结果");
            case "CLOSED" -> Optional.of("已结案");
            case "MERGED" -> Optional.of("已与同类反映合并办理（#" + ticket.mergedInto() + "）");
            case "REJECTED" -> Optional.of("未予受理：" + (ticket.endingDetail() == null ? "" : ticket.endingDetail()));
            default -> Optional.empty();
        };
    }

    /** "OPEN@town" after a step: the level's label. */
    private static String levelOf(AuditRow step) {
        String after = step.afterState() == null ? "" : step.afterState();
        String level = after.contains("@") ? after.substring(after.indexOf('@') + 1) : "";
        return switch (level) {
            case "village" -> "村级";
            case "town" -> "镇级";
            case "county" -> "县级";
            case "city" -> "市级";
            default -> "";
        };
    }

    /** The desk's detail of a resolution is the result as the cadre wrote it for the complainant. */
    private static String resolutionOf(AuditRow step) {
        String detail = step.detail() == null ? "" : step.detail();
        return detail.startsWith("办结：") ? detail.substring("办结：".length()) : detail;
    }
}
