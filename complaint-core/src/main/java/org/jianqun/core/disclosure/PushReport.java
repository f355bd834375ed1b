package org.jianqun.core.disclosure;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.jianqun.core.outbox.DeliveryStatus;
import org.jianqun.core.persistence.Database;

/**
 * How the push of a month's published disclosures stands, per town and village: each version's delivery
 * request (outbox {@code disclosure:<id>}) and the per-group rows the gateway routed it into
 * ({@code disclosure:<id>.<n>}): delivered, waiting, held or failed, with the reasons.
 */
public final class PushReport {
    private final Database database;
    private final GroupSendOutcomes groupSendOutcomes;

    public PushReport(Database database, GroupSendOutcomes groupSendOutcomes) {
        this.database = Objects.requireNonNull(database, "database");
        this.groupSendOutcomes = Objects.requireNonNull(groupSendOutcomes, "groupSendOutcomes");
        database.addMapper(Rows.class);
    }

    public interface Rows {
        record Row(long disclosureId, String villageCode, int version, String deliveryId, String target, DeliveryStatus status, String lastError) {
        }

        @Select("SELECT d.id AS disclosureId, d.village_code AS villageCode, d.version, o.delivery_id AS deliveryId, o.target, o.status, "
                + "o.last_error AS lastError FROM disclosure d LEFT JOIN outbox o ON o.delivery_id = CONCAT('disclosure:', d.id) "
                + "OR o.delivery_id LIKE CONCAT('disclosure:', d.id, '.%') "
                + "WHERE d.disclosure_month = #{month} AND d.status = 'PUBLISHED' AND d.village_code LIKE CONCAT(#{scope}, '%') ORDER BY d.village_code, d.version, o.id")
        List<Row> rows(@Param("month") String month, @Param("scope") String scope);

    }

    /** {@code scope}: a region code prefix ("" for everywhere). */
    public JsonObject of(DisclosureMonth month, String scope) {
        String prefix = scope == null ? "" : scope;
        List<Rows.Row> rows = database.read(s -> s.getMapper(Rows.class).rows(month.wire(), prefix));
        Map<String, Tally> villages = new TreeMap<>();
        Map<String, Tally> towns = new TreeMap<>();
        for (Rows.Row r : rows) {
            Tally village = villages.computeIfAbsent(r.villageCode(), k -> new Tally());
            Tally town = towns.computeIfAbsent(r.villageCode().substring(0, 9), k -> new Tally());
            String parent = DisclosureDesk.pushKey(r.disclosureId());
            if (r.deliveryId() == null) {
                continue;
            }
            boolean isParent = r.deliveryId().equals(parent);
            String what = isParent ? null : bucket(r.status());
            if (isParent) {
                // The request itself counts only while it is not routed yet, or when it could not be (no group).
                if (r.status() == DeliveryStatus.ROUTED || r.status() == DeliveryStatus.SENT) {
                    if (r.lastError() != null && r.lastError().contains("group-sends")) {
                        village.notes.add("v" + r.version() + " " + r.lastError());
                    }
                    continue;
                }
                what = bucket(r.status());
            }
            village.add(what);
            town.add(what);
            if (!"delivered".equals(what) && r.lastError() != null) {
                village.reasons.add(new JsonObject().put("version", r.version()).put("target", r.target()).put("status", what).put("reason", r.lastError()));
            }
        }
        // An external group has it only once its owner confirmed the send (the task's outcome), not when the task was asked for.
        Map<Long, Rows.Row> versions = new HashMap<>();
        rows.forEach(r -> versions.putIfAbsent(r.disclosureId(), r));
        for (GroupSendOutcomes.Outcome g : groupSendOutcomes.ofDisclosures(versions.keySet())) {
            Rows.Row version = versions.get(g.disclosureId());
            String village = version.villageCode();
            String what = groupSendBucket(g.status());
            villages.computeIfAbsent(village, k -> new Tally()).add(what);
            towns.computeIfAbsent(village.substring(0, 9), k -> new Tally()).add(what);
            if (!"delivered".equals(what)) {
                villages.get(village).reasons.add(new JsonObject().put("version", version.version()).put("target", "wecom:" + g.chatId())
                        .put("status", what).put("reason", g.lastError() != null ? g.lastError() : groupSendWaiting(g.status())));
            }
        }
        JsonArray townList = new JsonArray();
        towns.forEach((code, t) -> townList.add(t.json().put("code", code)));
        JsonArray villageList = new JsonArray();
        villages.forEach((code, t) -> villageList.add(t.json().put("code", code).put("reasons", new JsonArray(t.reasons))
                .put("notes", new JsonArray(t.notes))));
        return new JsonObject().put("month", month.wire()).put("scope", scope).put("towns", townList).put("villages", villageList);
    }

    private static String groupSendBucket(GroupSendOutcomes.Status status) {
        return switch (status) {
            case SENT -> "delivered";
            case QUEUED, CREATED -> "waiting";
            case REFUSED -> "held";
            case EXPIRED, FAILED -> "failed";
        };
    }

    private static String groupSendWaiting(GroupSendOutcomes.Status status) {
        return status == GroupSendOutcomes.Status.CREATED ? "群发任务已创建，等待群主确认发送" : "群发任务排队中，尚未提交企业微信";
    }

    private static String bucket(DeliveryStatus status) {
        return switch (status) {
            case SENT, ROUTED -> "delivered";
            case PENDING, SENDING -> "waiting";
            case HELD -> "held";
            case FAILED -> "failed";
        };
    }

    private static final class Tally {
        int delivered;
        int waiting;
        int held;
        int failed;
        final List<JsonObject> reasons = new java.util.ArrayList<>();
        final List<String> notes = new java.util.ArrayList<>();

        void add(String what) {
            switch (what) {
                case "delivered" -> delivered++;
                case "waiting" -> waiting++;
                case "held" -> held++;
                default -> failed++;
            }
        }

        JsonObject json() {
            return new JsonObject().put("delivered", delivered).put("waiting", waiting).put("held", held).put("failed", failed);
        }
    }
}
