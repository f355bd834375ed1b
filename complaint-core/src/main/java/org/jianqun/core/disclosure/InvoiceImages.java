package org.jianqun.core.disclosure;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An invoice's photo, kept only as pixels: decoded (bounded in bytes and in pixels, read from the
 * header before any pixel is decoded) and written again as a JPEG, so no EXIF (place, phone) survives.
 * Blocking CPU work: callers run on the worker pool.
 */
public final class InvoiceImages {
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    static final int MAX_BASE64 = MAX_BYTES / 3 * 4 + 8;
    public static final long MAX_PIXELS = 40_000_000L;

    private InvoiceImages() {
    }

    /** The image again as a bare JPEG; empty when it is not an image this reads, or too large. */
    public static Optional<byte[]> stripped(byte[] bytes) {
        if (bytes.length == 0 || bytes.length > MAX_BYTES) {
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    return Optional.empty();
                }
                BufferedImage read = reader.read(0);
                BufferedImage rgb = new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_INT_RGB);
                java.awt.Graphics2D g = rgb.createGraphics();
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
                g.drawImage(read, 0, 0, null);
                g.dispose();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                if (!ImageIO.write(rgb, "jpeg", out)) {
                    return Optional.empty();
                }
                return Optional.of(out.toByteArray());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
