package org.jianqun.core.importing;

import java.util.Locale;
import java.util.Optional;

/**
 * What an uploaded table is: a CSV text file or an Excel workbook (.xlsx). Told by the bytes first (a
 * zip or an old OLE2 container is a workbook whatever it is called), then by the declared name or type.
 */
public enum TableFormat {
    CSV("text/csv", ".csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");

    private final String mediaType;
    private final String extension;

    TableFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format a {@code Content-Type} header names (parameters such as charset ignored), if either. */
    public static Optional<TableFormat> ofMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (TableFormat format : values()) {
            if (format.mediaType.equals(type)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format a file name's extension names, if either. */
    public static Optional<TableFormat> ofFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        for (TableFormat format : values()) {
            if (name.endsWith(format.extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The bytes decide when they are a container; otherwise what was declared; otherwise CSV. */
    public static TableFormat detect(byte[] bytes, Optional<TableFormat> declared) {
        return container(bytes) ? XLSX : declared.orElse(CSV);
    }

    /** A zip (.xlsx) or OLE2 (.xls, or an encrypted .xlsx) header: never a CSV text. */
    static boolean container(byte[] bytes) {
        return startsWith(bytes, 0x50, 0x4B, 0x03, 0x04) || ole2(bytes);
    }

    static boolean ole2(byte[] bytes) {
        return startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0);
    }

    private static boolean startsWith(byte[] bytes, int... magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
