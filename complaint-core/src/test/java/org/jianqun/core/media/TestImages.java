package org.jianqun.core.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Photos as phones and editors make them, built in the test: a JPEG carrying EXIF (with a GPS-looking payload and an
 * orientation), XMP, an ICC profile, a comment and bytes after its end; a PNG with text chunks; a CMYK JPEG that the
 * JDK's own reader refuses; a PNG that declares a giant canvas. Each planted secret is a string the tests look for.
 */
public final class TestImages {
    public static final String GPS_SECRET = "GPS-N24.9-E118.6-HOME";
    public static final String XMP_SECRET = "XMP-DEVICE-SECRET";
    public static final String COMMENT_SECRET = "COMMENT-SECRET";
    public static final String TRAILER_SECRET = "TRAILER-SECRET";
    public static final String PNG_TEXT_SECRET = "PNG-TEXT-SECRET";

    private TestImages() {
    }

    public static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, width / 2, height / 2);
        g.dispose();
        return image;
    }

    public static byte[] plainJpeg(int width, int height) {
        return encode(picture(width, height), "jpeg");
    }

    public static byte[] plainPng(int width, int height) {
        return encode(picture(width, height), "png");
    }

    /** A JPEG with EXIF (orientation {@code orientation}, a GPS payload), XMP, ICC, a comment, and a trailer after EOI. */
    public static byte[] jpegWithEverything(int width, int height, int orientation) {
        byte[] plain = plainJpeg(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        segment(out, 0xe1, exif(orientation));
        segment(out, 0xe1, concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII),
                ("<x:xmpmeta xmlns:x='adobe:ns:meta/'>" + XMP_SECRET + "</x:xmpmeta>").getBytes(StandardCharsets.UTF_8)));
        segment(out, 0xe2, concat("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII), new byte[] {1, 1},
                ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
        segment(out, 0xfe, COMMENT_SECRET.getBytes(StandardCharsets.US_ASCII));
        out.write(plain, 2, plain.length - 2);
        out.writeBytes(TRAILER_SECRET.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** "Exif\0\0" + a little-endian TIFF with IFD0 = {Orientation}, then the GPS payload as bytes the IFD points past. */
    private static byte[] exif(int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4 + 64).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        tiff.put(GPS_SECRET.getBytes(StandardCharsets.US_ASCII));
        byte[] body = new byte[tiff.position()];
        tiff.flip();
        tiff.get(body);
        return concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), body);
    }

    /** A PNG with tEXt, iTXt and eXIf chunks before its image data. */
    public static byte[] pngWithText(int width, int height) {
        byte[] plain = plainPng(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 33); // signature + IHDR
        chunk(out, "tEXt", ("Comment\0" + PNG_TEXT_SECRET).getBytes(StandardCharsets.ISO_8859_1));
        chunk(out, "iTXt", ("XML:com.adobe.xmp\0\0\0\0\0" + PNG_TEXT_SECRET).getBytes(StandardCharsets.UTF_8));
        chunk(out, "eXIf", exif(1));
        out.write(plain, 33, plain.length - 33);
        return out.toByteArray();
    }

    /** A PNG whose header declares {@code width} x {@code height} with almost no data behind it. */
    public static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0)
                .put((byte) 0).array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /**
     * A JPEG whose ICC profile segment says it is part 1 of 2 with no part 2, as some editors write them: the JDK's
     * reader refuses it ("invalid number of icc markers"), TwelveMonkeys' reads it.
     */
    public static byte[] jpegWithBrokenIcc(int width, int height) {
        byte[] plain = plainJpeg(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2);
        segment(out, 0xe2, concat("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII), new byte[] {1, 2}, new byte[40]));
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /** A four-channel (CMYK) JPEG, as print shops and some scanners write them. */
    public static byte[] cmykJpeg(int width, int height) {
        WritableRaster raster = WritableRaster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {x % 255, y % 255, 40, 10});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] body) {
        out.write(0xff);
        out.write(marker);
        int length = body.length + 2;
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(body);
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The chunk types of a PNG, in order. */
    public static java.util.List<String> pngChunks(byte[] png) {
        java.util.List<String> types = new java.util.ArrayList<>();
        int i = 8;
        while (i + 8 <= png.length) {
            int length = ByteBuffer.wrap(png, i, 4).getInt();
            types.add(new String(png, i + 4, 4, StandardCharsets.US_ASCII));
            i += 12 + length;
        }
        return types;
    }

    /** The markers of a JPEG's segments before its image data. */
    public static java.util.List<Integer> jpegMarkers(byte[] jpeg) {
        java.util.List<Integer> markers = new java.util.ArrayList<>();
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xff) {
            int marker = jpeg[i + 1] & 0xff;
            markers.add(marker);
            if (marker == 0xda) {
                break;
            }
            i += 2 + (((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff));
        }
        return markers;
    }
}
