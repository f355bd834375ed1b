package org.jianqun.gateway.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The bounded reader: WeCom's flat XML reads as before; anything deep, wide, or with a DTD is refused as malformed. */
class CallbackXmlTest {
    @Test
    void readsTheRootsChildrenAsNameToText() {
        String xml = "<?xml version=\"1.0\"?><xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><!-- c -->"
                + "<AgentID>218</AgentID><MemChangeList><Item>a</Item><Item>b</Item></MemChangeList><AgentID>9</AgentID>"
                + "<Amp>x &amp; y &#20154;</Amp></xml>";
        assertThat(CallbackXml.fields(xml)).containsExactly(
                java.util.Map.entry("ToUserName", "wx5823bf96d3bd56c7"), java.util.Map.entry("AgentID", "218"),
                java.util.Map.entry("MemChangeList", "ab"), java.util.Map.entry("Amp", "x & y 人"));
    }

    @Test
    void refusesDepthWidthAttributesDtdsAndEntities() {
        assertRefused("<xml>" + "<a>".repeat(CallbackXml.MAX_DEPTH) + "</a>".repeat(CallbackXml.MAX_DEPTH) + "</xml>", "deeper than");
        assertRefused("<xml><Encrypt>" + "<a>".repeat(140_000) + "</a>".repeat(140_000) + "</Encrypt></xml>", "deeper than");
        assertRefused("<xml>" + "<a/>".repeat(CallbackXml.MAX_ELEMENTS) + "</xml>", "more than");
        assertRefused("<xml><a b1='1' b2='2' b3='3' b4='4' b5='5' b6='6' b7='7' b8='8' b9='9'/></xml>", "attributes");
        assertRefused("<!DOCTYPE xml [<!ENTITY x \"y\">]><xml><a>&x;</a></xml>", "no DTD");
        assertRefused("<xml><a>&undeclared;</a></xml>", "no DTD");
        assertRefused("", "not");
        assertRefused("<xml><a></xml>", "not");
        assertThat(CallbackXml.fields("<xml>" + "<a/>".repeat(CallbackXml.MAX_ELEMENTS - 1) + "</xml>")).containsKey("a");
    }

    private static void assertRefused(String xml, String why) {
        assertThatThrownBy(() -> CallbackXml.fields(xml)).isInstanceOfSatisfying(CallbackRefused.class, e -> {
            assertThat(e.reason()).isEqualTo(CallbackRefused.Reason.MALFORMED);
            assertThat(e.getMessage()).contains(why);
        });
    }
}
