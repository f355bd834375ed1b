package org.jianqun.core.media;

import java.util.Optional;

/** The image formats the platform stores, recognised by their first bytes (never by a file name or a declared type). */
public enum ImageKind {
    JPEG("image/jpeg", "jpeg"), PNG("image/png", "png");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String contentType;
    private final String writerFormat;

    ImageKind(String contentType, String writerFormat) {
        this.contentType = contentType;
        this.writerFormat = writerFormat;
    }

    public String contentType() {
        return contentType;
    }

    String writerFormat() {
        return writerFormat;
    }

    /** JPEG: SOI then a marker (FF D8 FF); PNG: its 8-byte signature. Anything else is neither. */
    public static Optional<ImageKind> sniff(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (bytes.length >= PNG_SIGNATURE.length) {
            for (int i = 0; i < PNG_SIGNATURE.length; i++) {
                if (bytes[i] != PNG_SIGNATURE[i]) {
                    return Optional.empty();
                }
            }
            return Optional.of(PNG);
        }
        return Optional.empty();
    }

    public static Optional<ImageKind> fromContentType(String contentType) {
        for (ImageKind kind : values()) {
            if (kind.contentType.equals(contentType)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
