package org.jianqun.miniapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jianqun.core.media.ImageCleaner;
import org.jianqun.core.media.MediaMapper;
import org.jianqun.core.media.TestImages;
import org.jianqun.core.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /miniapp/v1/media}: by content, at most 5 MB, stored without a byte of metadata. */
class MediaApiTest {
    private static MiniappFixture fixture;
    private static String token;

    @BeforeAll
    static void start() {
        fixture = new MiniappFixture(List.of());
        token = fixture.token("o-media");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aPhotoIsStoredCleanAndNamedByARandomId() {
        byte[] upload = TestImages.jpegWithEverything(64, 48, 1);
        TestServer.Reply reply = fixture.upload(token, "IMG_0001.JPG", "image/jpeg", upload);
        assertThat(reply.status()).isEqualTo(201);
        String id = reply.json().getString("mediaId");
        assertThat(id).hasSize(32).matches("[0-9a-f]+");
        assertThat(reply.json().getString("contentType")).isEqualTo("image/jpeg");
        MediaMapper.Content stored = fixture.db.database().read(s -> s.getMapper(MediaMapper.class).content(id));
        String raw = new String(stored.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain(TestImages.GPS_SECRET, TestImages.XMP_SECRET, TestImages.COMMENT_SECRET, TestImages.TRAILER_SECRET, "Exif");
        assertThat(stored.contentType()).isEqualTo("image/jpeg");

        TestServer.Reply png = fixture.upload(token, "screenshot.jpg", "image/jpeg", TestImages.pngWithText(20, 20));
        assertThat(png.status()).isEqualTo(201);
        assertThat(png.json().getString("contentType")).isEqualTo("image/png"); // by content, not by name or declared type
    }

    @Test
    void aFileThatIsNoImageIs415WhateverItsName() {
        TestServer.Reply reply = fixture.upload(token, "photo.jpg", "image/jpeg", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.json().getString("error")).isEqualTo("not_an_image");
        assertThat(reply.json().getString("message")).contains("JPEG", "PNG");
    }

    @Test
    void aFileThatClaimsJpegButDoesNotDecodeIs422() {
        byte[] head = java.util.Arrays.copyOf(TestImages.plainJpeg(40, 40), 30);
        TestServer.Reply reply = fixture.upload(token, "photo.jpg", "image/jpeg", head);
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().getString("error")).isEqualTo("image_unreadable");
    }

    @Test
    void overFiveMegabytesIs413NamingTheLimit() {
        byte[] big = new byte[ImageCleaner.MAX_BYTES + 1];
        big[0] = (byte) 0xff;
        big[1] = (byte) 0xd8;
        big[2] = (byte) 0xff;
        TestServer.Reply reply = fixture.upload(token, "big.jpg", "image/jpeg", big);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().getString("error")).isEqualTo("image_too_large");
        assertThat(reply.json().getString("message")).contains("5 MB");
    }

    @Test
    void notMultipartOrNoFileOrNoTokenIsRefused() {
        assertThat(fixture.server.post("/miniapp/v1/media", token, "image/jpeg", TestImages.plainJpeg(8, 8)).status()).isEqualTo(415);
        assertThat(fixture.upload(null, "photo.jpg", "image/jpeg", TestImages.plainJpeg(8, 8)).status()).isEqualTo(401);
        TestServer.Reply empty = fixture.server.post("/miniapp/v1/media", token, "multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--xyz--\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().getString("error")).isEqualTo("missing_file");
    }
}
