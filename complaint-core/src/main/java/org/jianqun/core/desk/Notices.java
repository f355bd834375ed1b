package org.jianqun.core.desk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.TicketEvent;
import org.jianqun.core.ticket.TicketEventType;

/**
 * Who must hear about a step, and what they read (双反馈一回访: results go to the complainants and
 * to the level above; escalations to the level that now holds the ticket; red warnings to the
 * discipline officers). A ticket from a group is answered in that group; one without (console,
 * mini-program) is told to its complainants directly.
 *
 * <p>Whoever reads a group or a level's notice reads along with others, so a ticket goes there only if
 * {@link AccessPolicy#mayBeToldInGroups} says so: a confidential ticket's steps are told to its reporter
 * alone (held until the mini-program carries them), and its office reads it in the console.
 */
final class Notices {
    private Notices() {
    }

    /** How much of a complaint a level's notice quotes: enough to know what one claims, not the whole story. */
    static final int QUOTED = 20;

    /**
     * @param villageName the ticket's village as people call it: a level's notice says which village and
     *                    what the complaint is about (never who made it), so an officer knows what they claim
     */
    static List<OutboxMessage> of(TicketEvent event, TicketRow after, List<Long> complainants, String deadlineText, String villageName) {
        List<OutboxMessage> out = new ArrayList<>();
        String ref = "#" + after.no();
        if (!AccessPolicy.mayBeToldInGroups(after.facts())) {
            toReporter(event.type(), ref).ifPresent(text -> toComplainants(out, complainants, text));
            return out;
        }
        switch (event.type()) {
            case REGISTERED -> toRaiser(out, after, complainants, "已登记工单 " + ref + "（" + after.category() + "），由" + after.level().label()
                    + "办理，" + deadlineText + "。查询请发「进度 " + ref + "」；类别不对，村干部可发「分类 " + ref + " 类别」更正。");
            case CATEGORISED -> toGroup(out, after, "工单 " + ref + " 的类别已更正为「" + after.category() + "」。");
            case CLAIMED -> toRaiser(out, after, complainants, "工单 " + ref + " 已由 " + after.handlerName() + " 认领，" + deadlineText + "。");
            case RESOLVED -> {
                toComplainants(out, complainants, "工单 " + ref + " 已办结：" + after.resolution()
                        + "。请回复「评价 " + ref + " 满意」「基本满意」或「不满意」。");
                toGroup(out, after, "工单 " + ref + " 已办结，待反映人评价。");
                after.level().above().ifPresent(above -> out.add(new OutboxMessage(Audience.LEVEL, regionAt(after, above),
                        after.level().label() + "工单 " + ref + " 已办结：" + after.resolution())));
            }
            case RATING_REMINDED -> toComplainants(out, complainants, "工单 " + ref + " 已办结：" + after.resolution()
                    + "。请评价：回复「评价 " + ref + " 满意」「基本满意」或「不满意」，3 个工作日未评价按未评价结案。");
            case REOPENED -> {
                toGroup(out, after, "工单 " + ref + " 反映人不满意，重新办理，" + deadlineText + "。");
                out.add(new OutboxMessage(Audience.LEVEL, regionAt(after, after.level()), "工单 " + ref + " 反映人不满意，请重新办理。"));
            }
            case CLOSED -> toRaiser(out, after, complainants, "工单 " + ref + " 已结案（" + event.detail() + "）。");
            case ESCALATED, ESCALATED_OVERDUE -> {
                out.add(new OutboxMessage(Audience.LEVEL, regionAt(after, after.level()),
                        "工单 " + ref + "（" + about(villageName, after) + "）已上报至" + after.level().label() + "，请认领：" + event.detail() + "。"
                                + deadlineText + "。"));
                toRaiser(out, after, complainants, "工单 " + ref + " 已上报至" + after.level().label() + "办理。");
            }
            case URGED -> out.add(new OutboxMessage(Audience.LEVEL, regionAt(after, after.level()),
                    "工单 " + ref + "（" + about(villageName, after) + "）被催办（第 " + after.urged() + " 次），" + deadlineText + "。"));
            case MERGED -> toComplainants(out, complainants, "您反映的问题（" + ref + "）已并入工单 #" + after.mergedInto() + " 一并办理，结果会告知您。");
            case REJECTED -> toRaiser(out, after, complainants, "工单 " + ref + " 已驳回：" + after.endingDetail() + "。如有异议可向镇纪委反映。");
            case TIER_SET -> toGroup(out, after, "工单 " + ref + " " + event.detail() + "，" + deadlineText + "。");
            // The handler reads the level's officers' group (or the village's, without one): the clock they work against moved.
            case DEADLINE_MOVED -> out.add(new OutboxMessage(Audience.LEVEL, regionAt(after, after.level()),
                    "工单 #" + after.no() + " " + event.detail() + "。"));
            default -> {
            }
        }
        return out;
    }

    /**
     * What a reporter hears of their confidential report: that it moved, never who handles it or what the
     * office wrote (the mini-program shows them the steps a reporter may see).
     */
    private static Optional<String> toReporter(TicketEventType type, String ref) {
        return switch (type) {
            case REGISTERED -> Optional.of("您的实名举报已受理登记（" + ref + "），我们将依规办理并告知结果。");
            case RESOLVED, RATING_REMINDED -> Optional.of("您的实名举报（" + ref + "）已办结，请在小程序中查看并评价。");
            case CLOSED, REJECTED, MERGED -> Optional.of("您的实名举报（" + ref + "）已办理完毕，请在小程序中查看。");
            case URGED, TIER_SET, DEADLINE_MOVED, CATEGORISED -> Optional.empty();
            default -> Optional.of("您的实名举报（" + ref + "）有新进展，请在小程序中查看。");
        };
    }

    /**
     * A red warning puts the ticket before the discipline officers of the level that holds it (the town for a
     * village ticket); a confidential one is already before its office, and its group may be another's.
     */
    static List<OutboxMessage> red(TicketRow after, String reasons) {
        if (!AccessPolicy.mayBeToldInGroups(after.facts())) {
            return List.of();
        }
        RegionLevel level = after.level() == RegionLevel.VILLAGE ? RegionLevel.TOWN : after.level();
        return List.of(new OutboxMessage(Audience.DISCIPLINE, regionAt(after, level), "红色预警：工单 #" + after.no() + "（" + reasons + "），已进入网巡。"));
    }

    /**
     * 「东岭村·基础设施：村口路灯坏了三个月，晚上很黑…」: the village, the category and the complaint's first words
     * (issue 11: an officer knows what they claim); never who made it, and never for a confidential ticket (of() stops those first).
     */
    static String about(String villageName, TicketRow ticket) {
        String words = ticket.content() == null ? "" : ticket.content().strip().replaceAll("\\s+", " ");
        if (words.codePointCount(0, words.length()) > QUOTED) {
            words = words.substring(0, words.offsetByCodePoints(0, QUOTED)) + "…";
        }
        String where = ticket.category() == null ? villageName : villageName + "·" + ticket.category();
        return words.isEmpty() ? where : where + "：" + words;
    }

    static String regionAt(TicketRow ticket, RegionLevel level) {
        return ticket.villageCode().substring(0, level.codeLength());
    }

    private static void toRaiser(List<OutboxMessage> out, TicketRow t, List<Long> complainants, String text) {
        if (t.originGroupId() != null && !t.confidential()) {
            toGroup(out, t, text);
        } else {
            toComplainants(out, complainants, text);
        }
    }

    private static void toGroup(List<OutboxMessage> out, TicketRow t, String text) {
        if (!t.confidential()) {
            t.originGroup().ifPresent(group -> out.add(OutboxMessage.toGroup(group, text)));
        }
    }

    private static void toComplainants(List<OutboxMessage> out, List<Long> complainants, String text) {
        complainants.forEach(id -> out.add(new OutboxMessage(Audience.COMPLAINANT, Long.toString(id), text)));
    }
}
