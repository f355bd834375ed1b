package org.jianqun.core.media;

/**
 * Why an upload is not stored, each with the HTTP status that fits and a Chinese message naming the limit.
 * A value, so the route answers it and a test asserts it without exceptions.
 */
public sealed interface ImageRefusal {
    int status();

    String code();

    String message();

    /** Over {@link ImageCleaner#MAX_BYTES}. */
    record TooLarge(long limitBytes) implements ImageRefusal {
        public int status() {
            return 413;
        }

        public String code() {
            return "image_too_large";
        }

        public String message() {
            return "图片不能超过 " + (limitBytes / (1024 * 1024)) + " MB";
        }
    }

    /** Its bytes are neither JPEG nor PNG, whatever its name or declared type says. */
    record NotAnImage() implements ImageRefusal {
        public int status() {
            return 415;
        }

        public String code() {
            return "not_an_image";
        }

        public String message() {
            return "只接受 JPEG 或 PNG 图片（按文件内容判断，不看文件名）";
        }
    }

    /** It starts like a JPEG or PNG but does not decode (truncated, corrupt, or claims one type and is another). */
    record Unreadable(ImageKind claimed) implements ImageRefusal {
        public int status() {
            return 422;
        }

        public String code() {
            return "image_unreadable";
        }

        public String message() {
            return "图片已损坏或不是有效的 " + claimed.name() + " 图片";
        }
    }

    /** More pixels than {@link ImageCleaner#MAX_PIXELS}: a small file can declare a huge canvas (a decompression bomb). */
    record TooManyPixels(long limitPixels) implements ImageRefusal {
        public int status() {
            return 422;
        }

        public String code() {
            return "image_too_many_pixels";
        }

        public String message() {
            return "图片尺寸过大（最多 " + (limitPixels / 1_000_000) + " 百万像素）";
        }
    }
}
