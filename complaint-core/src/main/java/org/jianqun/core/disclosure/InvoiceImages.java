package org.jianqun.core.disclosure;

import org.jianqun.core.media.ImageCleaner;

/**
 * An invoice's photo goes through the same stripped, bounded cleaning as the mini-program's uploads
 * ({@link ImageCleaner}: the type sniffed from the bytes, 5 MB and 50 megapixels at most, re-encoded from the
 * pixels so no EXIF or GPS survives). Blocking CPU work: callers run on the worker pool.
 */
final class InvoiceImages {
    static final int MAX_BYTES = ImageCleaner.MAX_BYTES;
    static final int MAX_BASE64 = MAX_BYTES / 3 * 4 + 8;
    private static final ImageCleaner CLEANER = new ImageCleaner();

    private InvoiceImages() {
    }

    static ImageCleaner.Cleaning clean(byte[] bytes) {
        return CLEANER.clean(bytes);
    }
}
