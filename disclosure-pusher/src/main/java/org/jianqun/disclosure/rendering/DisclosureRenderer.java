package org.jianqun.disclosure.rendering;

import java.awt.Font;
import java.util.Optional;
import org.jianqun.core.disclosure.Rendering;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a disclosure as it becomes ready: the markdown summary always, the details image when this machine
 * has a font that draws Chinese; without one the disclosure carries the problem (shown in the console and the
 * push report) and goes out as text only, never as boxes.
 */
public final class DisclosureRenderer implements Rendering {
    private static final Logger LOG = LoggerFactory.getLogger(DisclosureRenderer.class);
    static final String NO_FONT = "no font on this server draws Chinese (install fonts-noto-cjk): the details image was not made";

    private final Optional<DetailsImage> image;

    public DisclosureRenderer(Optional<Font> cjkFont) {
        this.image = cjkFont.map(DetailsImage::new);
        if (cjkFont.isEmpty()) {
            LOG.warn(NO_FONT);
        }
    }

    /** With whatever CJK font the font system offers. */
    public static DisclosureRenderer withInstalledFont() {
        return new DisclosureRenderer(CjkFont.find());
    }

    @Override
    public Rendered render(Subject subject) {
        String summary = SummaryMarkdown.of(subject);
        if (image.isEmpty()) {
            return new Rendered(summary, Optional.empty(), Optional.of(NO_FONT));
        }
        return new Rendered(summary, Optional.of(image.get().render(subject)), Optional.empty());
    }
}
