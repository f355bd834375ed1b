package org.jianqun.miniapp.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.media.MediaStore;
import org.jianqun.miniapp.http.JsonBodies;

/**
 * {@code POST /reports}'s body, read and bounded: a village code, the words (1..{@value TicketDesk#MAX_CONTENT_LENGTH}
 * characters, counted as people count them: an emoji is one), at most {@value #MAX_PHOTOS} photos, and whether the
 * reporter accepted subscribe messages. Each problem names its field and limit.
 */
public record ReportDraft(String villageCode, String content, List<String> mediaIds, boolean subscribe) {
    public static final int MAX_PHOTOS = 9;

    public static ReportDraft read(JsonObject body) {
        String village = JsonBodies.string(body, "villageCode", 12).strip();
        Object raw = body.getValue("content");
        if (!(raw instanceof String text) || text.isBlank()) {
            throw new ApiError(400, "missing_field", "请填写反映内容", new JsonObject().put("field", "content"));
        }
        String content = text.strip();
        if (content.codePointCount(0, content.length()) > TicketDesk.MAX_CONTENT_LENGTH) {
            throw new ApiError(422, "content_too_long", "反映内容最多 " + TicketDesk.MAX_CONTENT_LENGTH + " 字",
                    new JsonObject().put("field", "content").put("limit", TicketDesk.MAX_CONTENT_LENGTH));
        }
        List<String> media = new ArrayList<>();
        Object photos = body.getValue("mediaIds");
        if (photos != null) {
            if (!(photos instanceof JsonArray array)) {
                throw new ApiError(400, "bad_field", "mediaIds 须是图片编号的数组", new JsonObject().put("field", "mediaIds"));
            }
            if (array.size() > MAX_PHOTOS) {
                throw new ApiError(422, "too_many_photos", "每条反映最多 " + MAX_PHOTOS + " 张图片",
                        new JsonObject().put("field", "mediaIds").put("limit", MAX_PHOTOS));
            }
            for (Object id : array) {
                if (!(id instanceof String s) || !MediaStore.isMediaId(s)) {
                    throw new ApiError(422, "media_not_found", "图片编号无效", new JsonObject().put("field", "mediaIds"));
                }
                media.add(s);
            }
        }
        Object subscribe = body.getValue("subscribe");
        if (subscribe != null && !(subscribe instanceof Boolean)) {
            throw new ApiError(400, "bad_field", "subscribe 须是 true 或 false", new JsonObject().put("field", "subscribe"));
        }
        return new ReportDraft(village, content, List.copyOf(media), Boolean.TRUE.equals(subscribe));
    }
}
