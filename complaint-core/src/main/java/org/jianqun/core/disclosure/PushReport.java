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
 * ({@code disclosure:<id>.<n>}), each with what it went on as (its image {@code disclosure:<id>.<n>.1}, a long
 * markdown's parts): a group is delivered when all of them are, else waiting, held or failed, with the reasons.
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
        record Row(long disclosureId, String villageCode, int version, String deliveryId, String target, DeliveryStatus status, String lastError,
                   String disclosureImage) {
        }

        @Select("SELECT d.id AS disclosureId, d.village_code AS villageCode, d.version, o.delivery_id AS deliveryId, o.target, o.status, "
                + "o.last_error AS lastError, o.disclosure_image AS disclosureImage FROM disclosure d LEFT JOIN outbox o ON o.delivery_id = CONCAT('disclosure:', d.id) "
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
        // Per group: its markdown row (disclosure:<id>.<n>) and what that went on as (its image, <id>.<n>.1; its parts;
        // a relay), in id order. The group has the version once every one of them is delivered.
        Map<String, GroupRows> groups = new java.util.LinkedHashMap<>();
        for (Rows.Row r : rows) {
            Tally village = villages.computeIfAbsent(r.villageCode(), k -> new Tally());
            Tally town = towns.computeIfAbsent(r.villageCode().substring(0, 9), k -> new Tally());
            String parent = DisclosureDesk.pushKey(r.disclosureId());
            if (r.deliveryId() == null) {
                continue;
            }
            if (r.deliveryId().equals(parent)) {
                // The request itself counts only while it is not routed yet, or when it could not be (no group).
                if (r.status() == DeliveryStatus.ROUTED || r.status() == DeliveryStatus.SENT) {
                    if (r.lastError() != null && (r.lastError().contains("group-sends") || r.lastError().contains("no image"))) {
                        village.notes.add("v" + r.version() + " " + r.lastError());
                    }
                    continue;
                }
                String what = bucket(r.status());
                village.add(what);
                town.add(what);
                if (r.lastError() != null) {
                    village.reasons.add(new JsonObject().put("version", r.version()).put("target", r.target()).put("status", what).put("reason", r.lastError()));
                }
                continue;
            }
            groups.computeIfAbsent(groupKey(parent, r.deliveryId()), k -> new GroupRows(r)).add(r);
        }
        for (GroupRows g : groups.values()) {
            String what = g.bucket();
            villages.get(g.first.villageCode()).add(what);
            towns.get(g.first.villageCode().substring(0, 9)).add(what);
            if (!"delivered".equals(what)) {
                String reason = g.reasons();
                villages.get(g.first.villageCode()).reasons.add(new JsonObject().put("version", g.first.version()).put("target", g.first.target())
                        .put("status", what).put("reason", reason.isEmpty() ? null : reason));
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

    /** {@code disclosure:<id>.<n>} of any row under it ({@code disclosure:<id>.<n>.1}, its image or a part). */
    static String groupKey(String parent, String deliveryId) {
        int next = deliveryId.indexOf('.', parent.length() + 1);
        return next < 0 ? deliveryId : deliveryId.substring(0, next);
    }

    /** One group's rows of a version. */
    private static final class GroupRows {
        final Rows.Row first;
        final List<Rows.Row> all = new java.util.ArrayList<>();

        GroupRows(Rows.Row first) {
            this.first = first;
        }

        void add(Rows.Row r) {
            all.add(r);
        }

        /** Failed if any row failed, else held if any is held, else waiting if any is not out yet; delivered when all are. */
        String bucket() {
            List<String> buckets = all.stream().map(r -> PushReport.bucket(r.status())).toList();
            for (String worst : List.of("failed", "held", "waiting")) {
                if (buckets.contains(worst)) {
                    return worst;
                }
            }
            return "delivered";
        }

        /** The reasons of the rows not delivered, each named by what it is (the image, a part). */
        String reasons() {
            return String.join("; ", all.stream().filter(r -> !"delivered".equals(PushReport.bucket(r.status())) && r.lastError() != null)
                    .map(r -> (r == first ? "" : "ITSELF".equals(r.disclosureImage()) ? "明细图 (image): "
                            : r.deliveryId().substring(Math.min(r.deliveryId().length(), first.deliveryId().length() + 1)) + ": ") + r.lastError()).toList());
        }
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
