package org.jianqun.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandParserTest {
    private static ChatCommand parse(String text) {
        return CommandParser.parse(text, false, Optional.empty());
    }

    @Test
    void reportsInEveryWayAVillagerTypesThem() {
        assertThat(parse("#反映 村口路灯坏了")).isEqualTo(new ChatCommand.Report("村口路灯坏了"));
        assertThat(parse("＃反映　村口路灯坏了")).isEqualTo(new ChatCommand.Report("村口路灯坏了"));
        assertThat(parse("#反映村口路灯坏了，晚上很黑！")).isEqualTo(new ChatCommand.Report("村口路灯坏了，晚上很黑！"));
        assertThat(parse("  #投诉 低保名单有问题")).isEqualTo(new ChatCommand.Report("低保名单有问题"));
        assertThat(parse("#诉求 修路")).isEqualTo(new ChatCommand.Report("修路"));
        assertThat(parse("#求助 老人无人照顾")).isEqualTo(new ChatCommand.Report("老人无人照顾"));
        assertThat(CommandParser.parse("村口路灯坏了", true, Optional.empty())).isEqualTo(new ChatCommand.Report("村口路灯坏了"));
        assertThat(parse("#反映")).isInstanceOf(ChatCommand.Malformed.class);
    }

    @Test
    void ticketCommandsWithEitherFormOfTheNumber() {
        assertThat(parse("认领 #12")).isEqualTo(new ChatCommand.Claim(12));
        assertThat(parse("认领 12")).isEqualTo(new ChatCommand.Claim(12));
        assertThat(parse("认领#１２")).isEqualTo(new ChatCommand.Claim(12));
        assertThat(parse("＃认领　＃12")).isEqualTo(new ChatCommand.Claim(12));
        assertThat(parse("办结 #12 已更换灯泡，恢复照明")).isEqualTo(new ChatCommand.Resolve(12, "已更换灯泡，恢复照明"));
        assertThat(parse("上报 #12 涉及两个村")).isEqualTo(new ChatCommand.Escalate(12, "涉及两个村"));
        assertThat(parse("定级 #12 复杂")).isEqualTo(new ChatCommand.SetTier(12, "复杂"));
        assertThat(parse("进度 #12")).isEqualTo(new ChatCommand.Progress(12));
        assertThat(parse("催办 12")).isEqualTo(new ChatCommand.Urge(12));
        assertThat(parse("评价 #12 基本满意")).isEqualTo(new ChatCommand.Rate(12, "基本满意"));
        assertThat(parse("分类 #12 基础设施")).isEqualTo(new ChatCommand.Categorise(12, "基础设施"));
        assertThat(parse("＃分类　＃１２　环境卫生")).isEqualTo(new ChatCommand.Categorise(12, "环境卫生"));
        assertThat(parse("分类 #12")).isInstanceOf(ChatCommand.Malformed.class)
                .satisfies(m -> assertThat(((ChatCommand.Malformed) m).reply()).contains("分类 #12 基础设施"));
    }

    @Test
    void theNumberMayRunStraightIntoTextOrPunctuation() {
        assertThat(parse("进度 #12？")).isEqualTo(new ChatCommand.Progress(12));
        assertThat(parse("进度 #12?")).isEqualTo(new ChatCommand.Progress(12));
        assertThat(parse("催办12！")).isEqualTo(new ChatCommand.Urge(12));
        assertThat(parse("认领 #12。")).isEqualTo(new ChatCommand.Claim(12));
        assertThat(parse("评价 #12满意")).isEqualTo(new ChatCommand.Rate(12, "满意"));
        assertThat(parse("评价 #12：满意")).isEqualTo(new ChatCommand.Rate(12, "满意"));
        assertThat(parse("办结#12已修好")).isEqualTo(new ChatCommand.Resolve(12, "已修好"));
        assertThat(parse("办结 #12，已修好")).isEqualTo(new ChatCommand.Resolve(12, "已修好"));
        assertThat(parse("上报 #12,需镇里协调")).isEqualTo(new ChatCommand.Escalate(12, "需镇里协调"));
        assertThat(parse("认领 #123456789012")).isEqualTo(new ChatCommand.Claim(123456789012L));
        assertThat(parse("认领 #123456789012345")).as("too many digits is no shorter number").isInstanceOf(ChatCommand.Malformed.class);
        assertThat(parse("办结 #1234567890123已修好")).isInstanceOf(ChatCommand.Malformed.class);
    }

    @Test
    void leadingMentionsAreNotPartOfTheCommand() {
        assertThat(CommandParser.parse("@监群 进度 #12", true, Optional.empty())).isEqualTo(new ChatCommand.Progress(12));
        assertThat(CommandParser.parse("@监群\u2005#反映 路灯坏了", true, Optional.empty())).isEqualTo(new ChatCommand.Report("路灯坏了"));
        assertThat(CommandParser.parse("@监群\u2005@东岭村干部\u2005认领 #12", true, Optional.empty())).isEqualTo(new ChatCommand.Claim(12));
        assertThat(CommandParser.parse("@监群 村口路灯坏了", true, Optional.empty())).isEqualTo(new ChatCommand.Report("村口路灯坏了"));
        assertThat(parse("@张三 认领 #12")).isEqualTo(new ChatCommand.Claim(12));
        assertThat(parse("@张三 你好")).isInstanceOf(ChatCommand.NotACommand.class);
    }

    @Test
    void aKnownWordUsedWronglySaysWhatWouldWork() {
        assertThat(parse("认领")).isEqualTo(new ChatCommand.Malformed("认领", "请写工单号，例如：认领 #12"));
        assertThat(parse("认领 #abc")).isInstanceOf(ChatCommand.Malformed.class);
        assertThat(((ChatCommand.Malformed) parse("办结 #12"))).extracting(ChatCommand.Malformed::reply).asString().contains("办理结果");
        assertThat(((ChatCommand.Malformed) parse("评价 #12"))).extracting(ChatCommand.Malformed::reply).asString().contains("评价 #12 满意");
    }

    @Test
    void registeringByIdOrByQuote() {
        assertThat(parse("登记 msg-123")).isEqualTo(new ChatCommand.Register("msg-123"));
        assertThat(CommandParser.parse("登记", false, Optional.of("quoted-7"))).isEqualTo(new ChatCommand.Register("quoted-7"));
        assertThat(parse("登记")).isInstanceOf(ChatCommand.Malformed.class);
    }

    @Test
    void unknownHashedWordsAreEchoedAtMostTenCharacters() {
        assertThat(parse("#查询 12")).isEqualTo(new ChatCommand.Unknown("查询"));
        ChatCommand.Unknown accusation = (ChatCommand.Unknown) parse("#村干部张三冒领低保补贴还优亲厚友");
        assertThat(accusation.word()).as("at most ten characters are echoed").isEqualTo("村干部张三冒领低保补…");
        assertThat(((ChatCommand.Unknown) parse("#" + "😀".repeat(20))).word()).isEqualTo("😀".repeat(10) + "…");
    }

    @Test
    void helpIsAskedForAsPeopleAskForIt() {
        for (String asked : List.of("帮助", "？", "?", "怎么用", "菜单", "#帮助", "＃帮助", "@监群 帮助", "帮助？", " 菜单 ")) {
            assertThat(parse(asked)).as(asked).isEqualTo(new ChatCommand.Help());
        }
        assertThat(parse("帮助一下我家老人")).as("talk that starts with the word").isEqualTo(new ChatCommand.NotACommand());
    }

    @Test
    void talkIsNotACommand() {
        assertThat(parse("认领一下吧")).isInstanceOf(ChatCommand.NotACommand.class);
        assertThat(parse("今天村里开会，说到低保评定的事")).isInstanceOf(ChatCommand.NotACommand.class);
        assertThat(parse("")).isInstanceOf(ChatCommand.NotACommand.class);
        assertThat(parse("#12")).isInstanceOf(ChatCommand.NotACommand.class);
        assertThat(parse("😀😀😀".repeat(3000))).isInstanceOf(ChatCommand.NotACommand.class);
    }
}
