package org.jianqun.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jianqun.core.disclosure.DisclosureLines;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.disclosure.Money;
import org.jianqun.core.disclosure.Rendering;
import org.jianqun.disclosure.rendering.CjkFont;
import org.jianqun.disclosure.rendering.DetailsImage;
import org.jianqun.disclosure.rendering.DisclosureRenderer;
import org.junit.jupiter.api.Test;

/** The details image draws Chinese with a real CJK font, or is not made at all: never boxes. */
class DetailsImageTest {
    private static final Rendering.Subject SUBJECT = new Rendering.Subject(7, "359901100201", "东岭村",
            DisclosureMonth.parse("2026-03").orElseThrow(), 2, "水渠清淤金额按结算单更正",
            new DisclosureLines(List.of(new DisclosureLines.FinanceLine(1, DisclosureLines.Direction.INCOME, "上级转移支付",
                    Money.parse("50000").orElseThrow(), Optional.empty())), List.of(),
                    List.of(new DisclosureLines.Project(1, "村道硬化", Money.parse("200000").orElseThrow(), Money.parse("86000").orElseThrow(), 45, "清源路桥公司")),
                    List.of(new DisclosureLines.Subsidy(1, "林某某", "临时救助", Money.parse("800").orElseThrow()))), List.of());

    @Test
    void theInstalledCjkFontHasAGlyphForEveryWordTheImageUses() {
        Optional<Font> font = CjkFont.find();
        assertThat(font).as("fonts-noto-cjk is installed on this machine").isPresent();
        assertThat(font.get().canDisplayUpTo("东岭村 2026年3月 三务公开 更正原因 财务收支 涉民利益事项 临时救助")).isEqualTo(-1);
        // A Latin-only font would draw these as boxes: the search must not pick it.
        Font latin = new Font("DejaVu Sans", Font.PLAIN, 24);
        if (latin.getFamily().equals("DejaVu Sans")) {
            assertThat(latin.canDisplayUpTo("三务公开")).as("the check can fail").isNotEqualTo(-1);
        }
    }

    @Test
    void chineseIsDrawnAsDistinctGlyphsNotTheSameBox() throws Exception {
        Font font = CjkFont.find().orElseThrow();
        // Tofu draws every missing character as the same box: two different characters must differ in pixels.
        assertThat(pixels(font, "三")).isNotEqualTo(pixels(font, "务"));
        byte[] png = new DetailsImage(font).render(SUBJECT);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(750);
        assertThat(image.getHeight()).isGreaterThan(200);
    }

    @Test
    void withoutACjkFontThereIsNoImageAndTheProblemSaysSo() {
        Rendering.Rendered rendered = new DisclosureRenderer(Optional.empty()).render(SUBJECT);
        assertThat(rendered.png()).isEmpty();
        assertThat(rendered.problem()).hasValueSatisfying(p -> assertThat(p).contains("fonts-noto-cjk"));
        assertThat(rendered.summaryMarkdown()).startsWith("## 【更正】东岭村 2026年3月三务公开").contains("涉民利益事项** 1 项", "进度 45%");
    }

    private static int[] pixels(Font font, String text) {
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
        var g = img.createGraphics();
        g.setFont(font.deriveFont(32f));
        g.drawString(text, 2, 34);
        g.dispose();
        return img.getRaster().getPixels(0, 0, 40, 40, (int[]) null);
    }
}
