package org.jianqun.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/** Issue 12's media rules: by content, bounded, and nothing but pixels kept (a photo's GPS tag would tell where a reporter lives). */
class ImageCleanerTest {
    private final ImageCleaner cleaner = new ImageCleaner();

    private CleanImage clean(byte[] upload) {
        ImageCleaner.Cleaning cleaning = cleaner.clean(upload);
        assertThat(cleaning).isInstanceOf(ImageCleaner.Cleaning.Clean.class);
        return ((ImageCleaner.Cleaning.Clean) cleaning).image();
    }

    private ImageRefusal refusal(byte[] upload) {
        ImageCleaner.Cleaning cleaning = cleaner.clean(upload);
        assertThat(cleaning).isInstanceOf(ImageCleaner.Cleaning.Refused.class);
        return ((ImageCleaner.Cleaning.Refused) cleaning).refusal();
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aJpegKeepsItsPixelsAndLosesEveryMetadataAndIsTurnedUpright() throws Exception {
        byte[] upload = TestImages.jpegWithEverything(40, 20, 6);
        assertThat(latin1(upload)).contains(TestImages.GPS_SECRET, TestImages.XMP_SECRET, TestImages.COMMENT_SECRET, TestImages.TRAILER_SECRET,
                "ICC_PROFILE", "Exif");
        CleanImage image = clean(upload);
        assertThat(image.kind()).isEqualTo(ImageKind.JPEG);
        String out = latin1(image.bytes());
        assertThat(out).doesNotContain(TestImages.GPS_SECRET, TestImages.XMP_SECRET, TestImages.COMMENT_SECRET, TestImages.TRAILER_SECRET,
                "ICC_PROFILE", "Exif", "http://ns.adobe.com");
        // Only JFIF (APP0), tables and frame markers: no APP1..APP15, no comment.
        assertThat(TestImages.jpegMarkers(image.bytes())).allMatch(m -> m == 0xe0 || m < 0xe1 || m > 0xef).doesNotContain(0xfe);
        // Orientation 6 (a quarter clockwise): the 40x20 sensor image stands 20x40.
        assertThat(image.width()).isEqualTo(20);
        assertThat(image.height()).isEqualTo(40);
        assertThat(image.sha256()).isEqualTo(ImageCleaner.sha256(image.bytes()));
        // The blue top-left quarter of the sensor image is top-right once turned a quarter clockwise.
        java.awt.image.BufferedImage upright = ImageIO.read(new ByteArrayInputStream(image.bytes()));
        assertThat(new java.awt.Color(upright.getRGB(17, 3)).getBlue()).isGreaterThan(200);
        assertThat(new java.awt.Color(upright.getRGB(2, 3)).getBlue()).isLessThan(80);
        assertThat(new java.awt.Color(upright.getRGB(17, 36)).getBlue()).isLessThan(80);
    }

    @Test
    void everyOrientationGivesTheUprightSize() {
        for (int o = 1; o <= 8; o++) {
            CleanImage image = clean(TestImages.jpegWithEverything(30, 10, o));
            assertThat(image.width()).as("orientation " + o).isEqualTo(o >= 5 ? 10 : 30);
        }
    }

    @Test
    void aPngLosesItsTextChunks() {
        byte[] upload = TestImages.pngWithText(16, 16);
        assertThat(TestImages.pngChunks(upload)).contains("tEXt", "iTXt", "eXIf");
        CleanImage image = clean(upload);
        assertThat(image.kind()).isEqualTo(ImageKind.PNG);
        assertThat(TestImages.pngChunks(image.bytes())).containsOnly("IHDR", "IDAT", "IEND");
        assertThat(latin1(image.bytes())).doesNotContain(TestImages.PNG_TEXT_SECRET);
    }

    @Test
    void aJpegThatTheJdkCannotReadIsRead() throws Exception {
        byte[] broken = TestImages.jpegWithBrokenIcc(24, 12);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        ImageReader jdk = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            if (r.getClass().getName().startsWith("com.sun.imageio")) {
                jdk = r;
            }
        }
        assertThat(jdk).as("the JDK's own JPEG reader").isNotNull();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(broken))) {
            jdk.setInput(in);
            ImageReader reader = jdk;
            assertThatThrownBy(() -> reader.read(0)).isInstanceOf(javax.imageio.IIOException.class);
        }
        CleanImage image = clean(broken);
        assertThat(image.width()).isEqualTo(24);
        assertThat(TestImages.jpegMarkers(image.bytes())).doesNotContain(0xe2);
    }

    @Test
    void aCmykJpegComesOutAsPlainRgb() {
        CleanImage image = clean(TestImages.cmykJpeg(24, 12));
        assertThat(image.width()).isEqualTo(24);
        assertThat(TestImages.jpegMarkers(image.bytes())).doesNotContain(0xee, 0xe2); // no Adobe segment, no profile
    }

    @Test
    void typeIsTakenFromTheBytesNotTheName() {
        assertThat(refusal("just some text, named photo.jpg".getBytes(StandardCharsets.UTF_8))).isInstanceOf(ImageRefusal.NotAnImage.class);
        assertThat(refusal(new byte[0])).isInstanceOf(ImageRefusal.NotAnImage.class);
        byte[] gif = "GIF89a....".getBytes(StandardCharsets.US_ASCII);
        assertThat(refusal(gif).status()).isEqualTo(415);
        byte[] fakeJpeg = Arrays.copyOf(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 4, 'x', 'x'}, 64);
        ImageRefusal unreadable = refusal(fakeJpeg);
        assertThat(unreadable).isInstanceOf(ImageRefusal.Unreadable.class);
        assertThat(unreadable.status()).isEqualTo(422);
        byte[] truncatedPng = Arrays.copyOf(TestImages.plainPng(20, 20), 40);
        assertThat(refusal(truncatedPng)).isInstanceOf(ImageRefusal.Unreadable.class);
    }

    @Test
    void limitsOnBytesAndPixelsAreNamed() {
        ImageRefusal big = refusal(new byte[ImageCleaner.MAX_BYTES + 1]);
        assertThat(big).isInstanceOf(ImageRefusal.TooLarge.class);
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.message()).contains("5 MB");
        ImageRefusal bomb = refusal(TestImages.pngBomb(60_000, 60_000));
        assertThat(bomb).isInstanceOf(ImageRefusal.TooManyPixels.class);
        assertThat(bomb.message()).contains("50");
    }
}
