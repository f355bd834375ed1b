package org.jianqun.disclosure.rendering;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jianqun.core.disclosure.DisclosureLines;
import org.jianqun.core.disclosure.DisclosureMapper;
import org.jianqun.core.disclosure.Rendering;

/**
 * The details as a PNG a phone shows readably: 750 px wide (a phone's CSS width at 2x), 26 px text, one line
 * per statement line, invoice (with who signed it), project and subsidy. Long months continue downwards up to
 * {@link #MAX_LINES} lines; the rest is on the mini-program page, which the last line says.
 */
public final class DetailsImage {
    static final int WIDTH = 750;
    static final int MAX_LINES = 400;
    private static final int MARGIN = 28;
    private static final int LINE = 40;

    private final Font font;

    public DetailsImage(Font font) {
        this.font = font;
    }

    public byte[] render(Rendering.Subject d) {
        List<String[]> rows = rows(d);
        Font body = font.deriveFont(Font.PLAIN, 26f);
        Font heading = font.deriveFont(Font.BOLD, 32f);
        int height = MARGIN * 2 + 60 + rows.size() * LINE;
        // Grey levels: text on white compresses to a third of the colour image, and a phone reads it as well.
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(d.version() > 1 ? new Color(0xB0, 0x20, 0x20) : new Color(0x20, 0x20, 0x20));
            g.setFont(heading);
            g.drawString((d.version() > 1 ? "【更正】" : "") + d.villageName() + " " + d.month().label() + " 三务公开", MARGIN, MARGIN + 36);
            g.setFont(body);
            FontMetrics metrics = g.getFontMetrics();
            int y = MARGIN + 60;
            for (String[] row : rows) {
                y += LINE;
                boolean section = row.length == 1;
                g.setColor(section ? new Color(0x1A, 0x5F, 0xB4) : Color.DARK_GRAY);
                g.drawString(fit(row[0], metrics, section ? WIDTH - 2 * MARGIN : 500), MARGIN, y);
                if (!section) {
                    g.drawString(row[1], WIDTH - MARGIN - metrics.stringWidth(row[1]), y);
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A row is a section heading (one cell) or a text and its amount. */
    static List<String[]> rows(Rendering.Subject d) {
        List<String[]> rows = new ArrayList<>();
        if (d.version() > 1) {
            rows.add(new String[] {"更正原因：" + SummaryMarkdown.oneLine(d.correctionReason())});
        }
        DisclosureLines lines = d.lines();
        if (!lines.finance().isEmpty()) {
            rows.add(new String[] {"财务收支"});
            lines.finance().forEach(f -> rows.add(new String[] {f.direction().label() + " " + f.item(), f.amount().yuan() + " 元"}));
        }
        if (!d.invoices().isEmpty()) {
            rows.add(new String[] {"发票（驻村干部审核）"});
            for (DisclosureMapper.InvoiceRow i : d.invoices()) {
                rows.add(new String[] {i.paidOn().getMonthValue() + "/" + i.paidOn().getDayOfMonth() + " " + i.payee() + " " + i.purpose()
                        + " " + i.paymentMethod().label() + (i.reviewerName() == null ? "" : "（" + i.reviewerName() + " 审）"),
                        new org.jianqun.core.disclosure.Money(i.amountCents()).yuan() + " 元"});
            }
        }
        if (!lines.projects().isEmpty()) {
            rows.add(new String[] {"工程项目"});
            lines.projects().forEach(p -> rows.add(new String[] {p.name() + " 进度" + p.progress() + "% " + p.contractor(),
                    p.spent().yuan() + "/" + p.budget().yuan()}));
        }
        if (!lines.subsidies().isEmpty()) {
            rows.add(new String[] {"涉民利益事项"});
            lines.subsidies().forEach(s -> rows.add(new String[] {s.kind() + " " + s.recipient(), s.amount().yuan() + " 元"}));
        }
        if (rows.size() > MAX_LINES) {
            List<String[]> cut = new ArrayList<>(rows.subList(0, MAX_LINES - 1));
            cut.add(new String[] {"其余 " + (rows.size() - MAX_LINES + 1) + " 行见小程序页面"});
            return cut;
        }
        return rows;
    }

    private static String fit(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String s = text;
        while (!s.isEmpty() && metrics.stringWidth(s + "…") > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "…";
    }
}
