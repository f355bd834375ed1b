package org.jianqun.core.realname;

import java.util.List;
import java.util.Objects;

/**
 * A real-name report as the reporter submits it (POST /miniapp/v1/reports/confidential), before it is checked.
 * {@code idNumber} may be null; the phone is not here: it is the one the reporter bound. {@code toString} hides the identity.
 */
public record ConfidentialReport(String villageCode, String realName, String idNumber, List<Accused> accused, String content,
                                 List<String> mediaIds) {
    public ConfidentialReport {
        accused = List.copyOf(Objects.requireNonNull(accused, "accused"));
        mediaIds = List.copyOf(Objects.requireNonNull(mediaIds, "mediaIds"));
    }

    @Override
    public String toString() {
        return "ConfidentialReport[village " + villageCode + ", " + accused.size() + " accused, " + mediaIds.size() + " media]";
    }
}
