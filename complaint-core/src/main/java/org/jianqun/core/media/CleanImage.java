package org.jianqun.core.media;

import java.util.Objects;

/** An image re-encoded from its pixels alone: no EXIF, GPS, XMP, ICC profile, comment or text chunk survives. */
public record CleanImage(ImageKind kind, byte[] bytes, int width, int height, String sha256) {
    public CleanImage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(sha256, "sha256");
    }
}
