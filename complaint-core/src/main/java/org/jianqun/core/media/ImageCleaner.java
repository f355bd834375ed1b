package org.jianqun.core.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes an uploaded photo safe to keep and show: recognised by content (JPEG or PNG), bounded in bytes and in
 * pixels, decoded (TwelveMonkeys' reader takes the CMYK and odd JPEGs the JDK refuses), turned upright by its EXIF
 * orientation, and re-encoded from the pixels alone. Re-encoding rather than deleting known segments is the point:
 * whatever metadata a camera or editor hid (EXIF, GPS — where a reporter lives —, XMP, ICC profiles, comments, PNG
 * text chunks, trailing bytes after the image) is not carried over, because nothing but pixels is. Blocking and
 * CPU-heavy: run on a worker; at most {@link #DECODING_AT_ONCE} decode at a time, so uploads cannot exhaust memory.
 */
public final class ImageCleaner {
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final long MAX_PIXELS = 50_000_000L;
    static final int DECODING_AT_ONCE = 2;
    private static final float JPEG_QUALITY = 0.9f;
    private static final Semaphore DECODING = new Semaphore(DECODING_AT_ONCE, true);

    /** What cleaning gave: the clean image, or why not. */
    public sealed interface Cleaning {
        record Clean(CleanImage image) implements Cleaning {
        }

        record Refused(ImageRefusal refusal) implements Cleaning {
            public Refused {
                Objects.requireNonNull(refusal, "refusal");
            }
        }
    }

    public Cleaning clean(byte[] upload) {
        if (upload.length > MAX_BYTES) {
            return new Cleaning.Refused(new ImageRefusal.TooLarge(MAX_BYTES));
        }
        ImageKind kind = ImageKind.sniff(upload).orElse(null);
        if (kind == null) {
            return new Cleaning.Refused(new ImageRefusal.NotAnImage());
        }
        try {
            DECODING.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to decode an image", e);
        }
        try {
            BufferedImage pixels;
            try {
                pixels = decode(upload, kind);
            } catch (PixelLimit e) {
                return new Cleaning.Refused(new ImageRefusal.TooManyPixels(MAX_PIXELS));
            }
            if (pixels == null) {
                return new Cleaning.Refused(new ImageRefusal.Unreadable(kind));
            }
            if (kind == ImageKind.JPEG) {
                pixels = ExifOrientation.apply(pixels, ExifOrientation.of(upload));
            }
            byte[] clean = encode(pixels, kind);
            return new Cleaning.Clean(new CleanImage(kind, clean, pixels.getWidth(), pixels.getHeight(), sha256(clean)));
        } finally {
            DECODING.release();
        }
    }

    private static final class PixelLimit extends Exception {
        private static final long serialVersionUID = 1L;

        PixelLimit() {
            super(null, null, false, false);
        }
    }

    /** The first reader of the kind that decodes it (TwelveMonkeys' JPEG reader ranks before the JDK's), or null. */
    private static BufferedImage decode(byte[] upload, ImageKind kind) throws PixelLimit {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(kind.writerFormat());
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new PixelLimit();
                }
                if (pixels <= 0) {
                    continue;
                }
                BufferedImage image = reader.read(0);
                if (image != null) {
                    return image;
                }
            } catch (IOException | RuntimeException unreadable) {
                // try the next reader; none left means the file is not what it claims
            } finally {
                reader.dispose();
            }
        }
        return null;
    }

    private static byte[] encode(BufferedImage pixels, ImageKind kind) {
        boolean alpha = pixels.getColorModel().hasAlpha();
        BufferedImage plain;
        if (kind == ImageKind.JPEG || !alpha) {
            plain = redraw(pixels, BufferedImage.TYPE_INT_RGB);
        } else {
            plain = redraw(pixels, BufferedImage.TYPE_INT_ARGB);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName(kind.writerFormat()).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, plain.getWidth() * plain.getHeight() / 4));
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (kind == ImageKind.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            // No metadata and no thumbnails: only the pixels go in.
            writer.write(null, new IIOImage(plain, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("re-encoding an image in memory failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The pixels drawn onto a plain sRGB canvas (white under transparency for JPEG): no colour profile, no palette. */
    private static BufferedImage redraw(BufferedImage source, int type) {
        BufferedImage canvas = new BufferedImage(source.getWidth(), source.getHeight(), type);
        Graphics2D g = canvas.createGraphics();
        try {
            if (type == BufferedImage.TYPE_INT_RGB) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, source.getWidth(), source.getHeight());
            }
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
