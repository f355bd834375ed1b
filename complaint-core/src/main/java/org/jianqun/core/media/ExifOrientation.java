package org.jianqun.core.media;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;

/**
 * A phone writes a photo's pixels as the sensor saw them and says in EXIF (tag 0x0112) how to turn them.
 * The cleaner throws EXIF away, so it applies the turn to the pixels first: otherwise every portrait photo
 * would arrive lying on its side. Only this one tag is read, from the JPEG's APP1 segment, defensively.
 */
final class ExifOrientation {
    private ExifOrientation() {
    }

    /** 1..8 as EXIF defines it; 1 (as stored) when absent or unreadable. */
    static int of(byte[] jpeg) {
        try {
            int i = 2;
            while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xff) {
                int marker = jpeg[i + 1] & 0xff;
                if (marker == 0xda || marker == 0xd9) {
                    return 1; // image data starts: no EXIF before it
                }
                int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
                int start = i + 4;
                if (marker == 0xe1 && length >= 8 && start + 6 <= jpeg.length && jpeg[start] == 'E' && jpeg[start + 1] == 'x'
                        && jpeg[start + 2] == 'i' && jpeg[start + 3] == 'f') {
                    return fromTiff(jpeg, start + 6, Math.min(jpeg.length, i + 2 + length));
                }
                i += 2 + length;
            }
        } catch (RuntimeException malformed) {
            return 1;
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little = b[tiff] == 'I';
        int ifd = tiff + u32(b, tiff + 4, little);
        int entries = u16(b, ifd, little);
        for (int e = 0; e < entries && e < 512; e++) {
            int entry = ifd + 2 + e * 12;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == 0x0112) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) : ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static int u32(byte[] b, int at, boolean little) {
        return little ? u16(b, at, true) | (u16(b, at + 2, true) << 16) : (u16(b, at, false) << 16) | u16(b, at + 2, false);
    }

    /** The pixels turned as {@code orientation} says, so that they stand upright with no tag. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        // Where source pixel (x, y) goes: x' = m00·x + m01·y + m02, y' = m10·x + m11·y + m12.
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);  // mirrored
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);  // mirrored upside down
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);   // transposed
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);  // turned a quarter clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // transversed
            default -> new AffineTransform(0, -1, 1, 0, 0, w); // 8: a quarter counter-clockwise
        };
        boolean turned = orientation >= 5;
        BufferedImage out = new BufferedImage(turned ? h : w, turned ? w : h, image.getType() == 0 ? BufferedImage.TYPE_INT_RGB : image.getType());
        new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, out);
        return out;
    }
}
