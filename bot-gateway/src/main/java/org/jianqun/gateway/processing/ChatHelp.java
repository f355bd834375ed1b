package org.jianqun.gateway.processing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.access.Role;
import org.jianqun.core.organisation.ChatGroup;

/**
 * The answer to 帮助 (and the tail of an unknown command's answer): the commands this sender may use in
 * this group, one line each with an example, and nothing else — a villager is not shown a cadre's
 * commands, a work group is not offered 反映. Who may use what is the access policy's to say.
 */
final class ChatHelp {
    private ChatHelp() {
    }

    static String forSender(Actor sender, ChatGroup group, Set<Role> registerForOthers) {
        List<String> lines = new ArrayList<>();
        boolean villagersGroup = group.takesReports();
        if (villagersGroup && granted(sender, Permission.REGISTER_TICKET)) {
            lines.add("#反映 内容　　反映问题，例如：#反映 村口路灯坏了");
        }
        lines.add("进度 #工单号　查询办理进度，例如：进度 #12");
        if (granted(sender, Permission.URGE_TICKET)) {
            lines.add("催办 #工单号　催促办理，例如：催办 #12");
        }
        if (granted(sender, Permission.RATE_TICKET)) {
            lines.add("评价 #工单号 满意/基本满意/不满意　反映人评价结果，例如：评价 #12 满意");
        }
        if (granted(sender, Permission.HANDLE_TICKET)) {
            lines.add("认领 #工单号　认领工单，例如：认领 #12");
            lines.add("办结 #工单号 结果　例如：办结 #12 已更换路灯");
            lines.add("上报 #工单号 原因　例如：上报 #12 需镇里协调");
            lines.add("定级 #工单号 一般/特殊/复杂　例如：定级 #12 特殊");
            lines.add("分类 #工单号 类别　更正工单类别，例如：分类 #12 基础设施");
        }
        if (villagersGroup && registerForOthers.contains(sender.role())) {
            lines.add("登记 消息编号　把群里的一条诉求登记为工单（也可引用该消息后发「登记」）");
        }
        return "您在本群可用的指令：\n" + String.join("\n", lines);
    }

    private static boolean granted(Actor sender, Permission permission) {
        return AccessPolicy.decide(sender, permission).granted();
    }
}
