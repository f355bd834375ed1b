package org.jianqun.core.importing;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The encodings a CSV file is read in: UTF-8 (with or without the BOM Excel writes for "CSV UTF-8"), and
 * GB18030, which covers GBK and GB2312, for a file Excel saved as plain "CSV" on a Chinese Windows.
 */
public enum TextEncoding {
    UTF_8("UTF-8", StandardCharsets.UTF_8),
    GB18030("GB18030", Charset.forName("GB18030"));

    private final String label;
    private final Charset charset;

    TextEncoding(String label, Charset charset) {
        this.label = label;
        this.charset = charset;
    }

    /** The charset's name as people and HTTP write it. */
    public String label() {
        return label;
    }

    public Charset charset() {
        return charset;
    }
}
