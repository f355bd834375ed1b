package org.jianqun.gateway.flagging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageFlaggerTest {
    private final MessageFlagger flagger = new MessageFlagger();

    @Test
    void corruptionWordsAreFoundAsWholeWords() {
        MessageFlagger.Flag flag = flagger.read("我们村低保评定优亲厚友，还有人冒领补贴");
        assertThat(flag.corruption()).isTrue();
        assertThat(flag.words()).contains("优亲厚友", "冒领");
    }

    @Test
    void requestsAreFlaggedToo() {
        MessageFlagger.Flag flag = flagger.read("村口路灯坏了三个月没人管，怎么办");
        assertThat(flag.corruption()).isFalse();
        assertThat(flag.request()).isTrue();
        assertThat(flag.words()).contains("没人管", "怎么办");
    }

    @Test
    void ordinaryTalkIsLeftAlone() {
        assertThat(flagger.read("今天村委会开会，大家都来了").raised()).isFalse();
        assertThat(flagger.read("").raised()).isFalse();
        assertThat(flagger.read("😀😀😀").raised()).isFalse();
    }

    @Test
    void theWordListsAreData() {
        assertThat(MessageFlagger.words("flagging/corruption-words.txt")).contains("套取", "虚报", "吃拿卡要", "挪用", "截留", "违建")
                .noneMatch(w -> w.startsWith("#"));
    }
}
