package org.jianqun.disclosure.rendering;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.List;
import java.util.Optional;

/**
 * A font of this machine that draws Chinese (fonts-noto-cjk on Debian), found through the font system and
 * proven on a sample of the words a disclosure uses: when none draws every one, there is no image, never
 * boxes (豆腐) in place of Chinese.
 */
public final class CjkFont {
    /** What every details image needs to draw: the headings and the commonest words of the lines. */
    static final String SAMPLE = "三务公开财务收支发票金额收款方日期支付方式用途项目进度补贴更正原因村镇县元现金转账审核通过￥，。：（）";
    private static final List<String> PREFERRED = List.of("Noto Sans CJK SC", "Noto Sans SC", "Noto Serif CJK SC", "Source Han Sans SC",
            "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "AR PL UMing CN", "Droid Sans Fallback");

    private CjkFont() {
    }

    /** The first preferred family that draws the sample, else any installed family that does. */
    public static Optional<Font> find() {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        List<String> families = List.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        for (String name : PREFERRED) {
            if (families.contains(name)) {
                Font font = new Font(name, Font.PLAIN, 24);
                if (drawsChinese(font)) {
                    return Optional.of(font);
                }
            }
        }
        return families.stream().map(f -> new Font(f, Font.PLAIN, 24)).filter(CjkFont::drawsChinese).findFirst();
    }

    /** True when the font has a glyph for every character of the sample (the logical fallbacks do not count). */
    static boolean drawsChinese(Font font) {
        if (Font.DIALOG.equals(font.getFamily()) && !Font.DIALOG.equals(font.getName())) {
            return false; // an unknown name silently became the Dialog fallback
        }
        return font.canDisplayUpTo(SAMPLE) == -1;
    }
}
