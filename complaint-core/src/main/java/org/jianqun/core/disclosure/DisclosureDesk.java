package org.jianqun.core.disclosure;

import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.access.AccessDecision;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.audit.AuditEntry;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.disclosure.warnings.SmartWarning;
import org.jianqun.core.disclosure.warnings.SmartWarnings;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.outbox.Outbox;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.RegionMapper;

/**
 * The disclosure's commands: a bookkeeper's upload, a resident cadre's review of each invoice, and the
 * publication of ready versions on the push day. Each runs in one transaction with its audit entries; the
 * publication writes the delivery request in the same transaction, so a version is requested once or not at
 * all (the gateway keys what it routes the request into per group: each group gets it once).
 */
public final class DisclosureDesk {
    /** outbox.event_type of the delivery request. */
    public static final String PUBLISHED_EVENT = "DISCLOSURE_PUBLISHED";
    static final int MAX_REASON = 500;
    /** outbox.text holds 4000 characters (H2 counts UTF-16 units). */
    static final int MAX_PUSH_TEXT = 3_900;
    static final int PUBLISH_CHUNK = 500;

    private final Database database;
    private final Clock clock;
    private final Rendering rendering;

    public DisclosureDesk(Database database, Clock clock, Rendering rendering) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rendering = Objects.requireNonNull(rendering, "rendering");
        database.addMapper(DisclosureMapper.class);
    }

    /** The request key a version's push is asked for with: at most 56 characters, one per version. */
    public static String pushKey(long disclosureId) {
        return "disclosure:" + disclosureId;
    }

    /**
     * Stores a version of a village's month, all or nothing. The caller has checked that the actor may upload
     * for the village ({@link Permission#UPLOAD_DISCLOSURE} there). Idempotent per (village, month, version):
     * the same lines again change nothing; other lines replace a version still with the bookkeeper.
     */
    public UploadOutcome upload(Actor actor, String villageCode, DisclosureMonth month, int version, String correctionReason,
                                DisclosureLines lines) {
        if (version < 1 || version > 99) {
            return new UploadOutcome.Refused(new Refusal(400, "bad_version", "版本号应为 1 到 99"));
        }
        String reason = correctionReason == null || correctionReason.isBlank() ? null : correctionReason.strip();
        if (version > 1 && reason == null) {
            return new UploadOutcome.Refused(new Refusal(400, "correction_reason_required", "第 " + version + " 版是更正，须写明更正原因（correctionReason）"));
        }
        if (reason != null && reason.codePointCount(0, reason.length()) > MAX_REASON) {
            return new UploadOutcome.Refused(new Refusal(400, "bad_request", "更正原因不超过 " + MAX_REASON + " 个字"));
        }
        String stored = version == 1 ? null : reason;
        String linesJson = JsonLines.canonical(lines).encode();
        String hash = contentHash(linesJson, stored, lines);
        Instant now = clock.instant();
        return database.inTransaction(s -> {
            Region village = s.getMapper(RegionMapper.class).find(villageCode);
            if (village == null || village.level() != RegionLevel.VILLAGE) {
                return new UploadOutcome.Refused(Refusal.notFound("没有村 " + villageCode));
            }
            String county = villageCode.substring(0, 6);
            DisclosureMapper mapper = s.getMapper(DisclosureMapper.class);
            List<DisclosureMapper.DisclosureRow> versions = mapper.lockVersions(villageCode, month.wire());
            Optional<DisclosureMapper.DisclosureRow> same = versions.stream().filter(v -> v.version() == version).findFirst();
            long id;
            if (same.isPresent()) {
                DisclosureMapper.DisclosureRow row = same.get();
                if (row.contentHash().equals(hash)) {
                    return new UploadOutcome.Accepted(row.id(), version, true, storedWarnings(mapper, row.id()));
                }
                if (row.status() == DisclosureStatus.PUBLISHED) {
                    return new UploadOutcome.Refused(Refusal.conflict("already_published", month.label() + "第 " + version
                            + " 版已公开，不能再改；更正请上传第 " + (maxVersion(versions) + 1) + " 版并写明更正原因"));
                }
                if (row.status() == DisclosureStatus.READY) {
                    return new UploadOutcome.Refused(Refusal.conflict("already_approved", month.label() + "第 " + version
                            + " 版的发票已全部审核通过，等待公开；公开后如需更正，请上传新版本"));
                }
                mapper.deleteInvoices(row.id());
                mapper.deleteWarnings(row.id());
                mapper.replace(row.id(), stored, hash, linesJson, actor.personId(), now);
                id = row.id();
            } else {
                int latest = maxVersion(versions);
                if (version != latest + 1) {
                    return new UploadOutcome.Refused(Refusal.conflict("version_out_of_order", "下一个版本应为第 " + (latest + 1) + " 版"));
                }
                if (version > 1 && versions.get(versions.size() - 1).status() != DisclosureStatus.PUBLISHED) {
                    return new UploadOutcome.Refused(Refusal.conflict("previous_not_published", "第 " + latest
                            + " 版尚未公开：公开前请直接修改第 " + latest + " 版"));
                }
                mapper.insert(villageCode, county, month.wire(), version, stored, hash, linesJson, actor.personId(), now);
                id = mapper.versions(villageCode, month.wire()).stream().filter(v -> v.version() == version).findFirst().orElseThrow().id();
            }
            for (DisclosureLines.Invoice invoice : lines.invoices()) {
                mapper.insertInvoice(id, county, villageCode, invoice.number().key(), invoice, invoice.image().orElse(null));
            }
            org.jianqun.core.disclosure.warnings.SubsidyIndex.store(mapper, id, county, villageCode, month, lines);
            List<SmartWarning> warnings = SmartWarnings.forCounty(s, county).evaluate(s, county, villageCode, month, lines);
            for (SmartWarning w : warnings) {
                mapper.insertWarning(id, villageCode, w.rule().name(), w.colour().name(), w.message(), w.evidence().encode(), now);
            }
            AuditTrail.append(s, new AuditEntry(AuditTrail.chainOf(villageCode), now, null, "DISCLOSURE_UPLOADED", AuditEntry.ACCEPTED,
                    new org.jianqun.core.ticket.Initiator.ByActor(actor).describe(), actor.role().wireName(), org.jianqun.core.desk.Via.CONSOLE.wireName(), null, DisclosureStatus.SUBMITTED.wireName(),
                    "disclosure " + id + " " + villageCode + " " + month.wire() + " v" + version + ": " + lines.invoices().size() + " invoices, "
                            + warnings.size() + " warnings"));
            if (lines.invoices().isEmpty()) {
                // Nothing for the resident cadre to sign: ready at once.
                becomeReady(s, mapper.find(id), now);
            }
            return new UploadOutcome.Accepted(id, version, false, warnings);
        });
    }

    /** A resident cadre's decision on one invoice, signed with their account and the time; audited. */
    public ReviewOutcome review(Actor actor, long disclosureId, int lineNo, Decision decision, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (decision == Decision.REJECTED && why.isEmpty()) {
            return new ReviewOutcome.Refused(new Refusal(400, "reason_required", "退回发票须写明原因"));
        }
        if (why.codePointCount(0, why.length()) > MAX_REASON) {
            return new ReviewOutcome.Refused(new Refusal(400, "bad_request", "原因不超过 " + MAX_REASON + " 个字"));
        }
        Instant now = clock.instant();
        return database.inTransaction(s -> {
            DisclosureMapper mapper = s.getMapper(DisclosureMapper.class);
            DisclosureMapper.DisclosureRow row = mapper.lock(disclosureId);
            if (row == null) {
                return new ReviewOutcome.Refused(Refusal.notFound("没有公开记录 " + disclosureId));
            }
            AccessDecision may = AccessPolicy.decide(actor, Permission.REVIEW_DISCLOSURE, row.villageCode());
            if (may instanceof AccessDecision.Refused refused) {
                return new ReviewOutcome.Refused(new Refusal(403, refused.outOfScope() ? "out_of_scope" : "forbidden", refused.reason()));
            }
            if (row.status() != DisclosureStatus.SUBMITTED) {
                return new ReviewOutcome.Refused(Refusal.conflict("not_under_review", "该版本现为" + label(row.status()) + "，不在审核中"));
            }
            String signed = why.isEmpty() ? "审核通过" : why;
            if (mapper.review(disclosureId, lineNo, decision, signed, actor.personId(), actor.displayName(), now) == 0) {
                return new ReviewOutcome.Refused(Refusal.notFound("该版本没有第 " + lineNo + " 行发票"));
            }
            AuditTrail.append(s, new AuditEntry(AuditTrail.chainOf(row.villageCode()), now, null, "DISCLOSURE_INVOICE_REVIEWED", AuditEntry.ACCEPTED,
                    new org.jianqun.core.ticket.Initiator.ByActor(actor).describe(), actor.role().wireName(), org.jianqun.core.desk.Via.CONSOLE.wireName(), null, decision.wireName(),
                    "disclosure " + disclosureId + " invoice " + lineNo + " " + decision.wireName() + ": " + signed));
            List<DisclosureMapper.InvoiceRow> invoices = mapper.invoices(disclosureId);
            int undecided = (int) invoices.stream().filter(i -> i.decision() == null).count();
            DisclosureStatus status = DisclosureStatus.SUBMITTED;
            if (undecided == 0) {
                if (invoices.stream().allMatch(i -> i.decision() == Decision.APPROVED)) {
                    becomeReady(s, row, now);
                    status = DisclosureStatus.READY;
                } else {
                    mapper.move(disclosureId, DisclosureStatus.SUBMITTED, DisclosureStatus.REJECTED);
                    status = DisclosureStatus.REJECTED;
                }
                AuditTrail.append(s, new AuditEntry(AuditTrail.chainOf(row.villageCode()), now, null, "DISCLOSURE_REVIEWED", AuditEntry.ACCEPTED,
                        new org.jianqun.core.ticket.Initiator.ByActor(actor).describe(), actor.role().wireName(), org.jianqun.core.desk.Via.CONSOLE.wireName(), DisclosureStatus.SUBMITTED.wireName(), status.wireName(),
                        "disclosure " + disclosureId + " " + row.villageCode() + " " + row.disclosureMonth() + " v" + row.version()));
            }
            return new ReviewOutcome.Recorded(disclosureId, lineNo, decision, status, undecided);
        });
    }

    /** Rendered now, not on the push day: the push then only sends what is stored. */
    private void becomeReady(SqlSession s, DisclosureMapper.DisclosureRow row, Instant now) {
        DisclosureMapper mapper = s.getMapper(DisclosureMapper.class);
        Region village = s.getMapper(RegionMapper.class).find(row.villageCode());
        DisclosureMonth month = DisclosureMonth.parse(row.disclosureMonth()).orElseThrow();
        JsonLines.Parsed parsed = JsonLines.parse(new io.vertx.core.json.JsonObject(row.linesJson()), month);
        if (!(parsed instanceof JsonLines.Lines lines)) {
            throw new IllegalStateException("disclosure " + row.id() + " holds lines that no longer read: " + parsed);
        }
        Rendering.Rendered rendered = rendering.render(new Rendering.Subject(row.id(), row.villageCode(), village.name(), month, row.version(),
                row.correctionReason(), lines.lines(), mapper.invoices(row.id())));
        if (mapper.ready(row.id(), now, rendered.summaryMarkdown(), rendered.png().orElse(null), rendered.problem().orElse(null)) != 1) {
            throw new IllegalStateException("disclosure " + row.id() + " left review while it was being made ready");
        }
    }

    /** What one publication pass did. */
    public record PublishPass(int published, int requested) {
    }

    /**
     * Publishes ready versions whose push day has come ({@code pushDay} of the month after theirs, Beijing
     * time; at once when they became ready after it), each in its own transaction with its delivery request.
     */
    public PublishPass publishDue(int pushDay, int limit) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, DisclosureMonth.ZONE);
        YearMonth lastDue = today.getDayOfMonth() >= pushDay ? YearMonth.from(today).minusMonths(1) : YearMonth.from(today).minusMonths(2);
        List<Long> ready = database.read(s -> s.getMapper(DisclosureMapper.class).readyUpTo(lastDue.toString(), limit));
        int published = 0;
        int requested = 0;
        // Many versions per transaction, each step one statement for the whole chunk: a province's push day is
        // 15,000 versions, and a round trip per version and step (lock, publish, request, audit) was most of it.
        for (int from = 0; from < ready.size(); from += PUBLISH_CHUNK) {
            List<Long> chunk = ready.subList(from, Math.min(ready.size(), from + PUBLISH_CHUNK));
            int[] done = database.inTransaction(s -> publishAll(s, chunk, now));
            published += done[0];
            requested += done[1];
        }
        return new PublishPass(published, requested);
    }

    /** Publishes those of {@code ids} still ready, with their delivery requests and audit entries: {published, requested}. */
    private static int[] publishAll(SqlSession s, List<Long> ids, Instant now) {
        DisclosureMapper mapper = s.getMapper(DisclosureMapper.class);
        List<DisclosureMapper.Publishing> rows = mapper.lockReady(ids);
        if (rows.isEmpty()) {
            return new int[] {0, 0};
        }
        List<Long> locked = rows.stream().map(DisclosureMapper.Publishing::id).toList();
        if (mapper.publishAll(locked, now) != locked.size()) {
            throw new IllegalStateException("ready versions left READY while locked for publishing");
        }
        List<Outbox.Request> requests = new java.util.ArrayList<>(rows.size());
        List<AuditEntry> audit = new java.util.ArrayList<>(rows.size());
        for (DisclosureMapper.Publishing row : rows) {
            String text = row.summaryMd();
            if (text.length() > MAX_PUSH_TEXT) {
                text = text.substring(0, MAX_PUSH_TEXT) + "…";
            }
            requests.add(new Outbox.Request(pushKey(row.id()), OutboxMessage.disclosureToVillagers(row.villageCode(), row.id(), text)));
            audit.add(new AuditEntry(AuditTrail.chainOf(row.villageCode()), now, null, PUBLISHED_EVENT, AuditEntry.ACCEPTED,
                    "system:disclosure-push", null, org.jianqun.core.desk.Via.SYSTEM.wireName(), DisclosureStatus.READY.wireName(),
                    DisclosureStatus.PUBLISHED.wireName(), "disclosure " + row.id() + " " + row.villageCode() + " " + row.disclosureMonth()
                    + " v" + row.version()));
        }
        int requested = Outbox.requestAllOnce(s, now, PUBLISHED_EVENT, requests);
        AuditTrail.appendAll(s, audit);
        return new int[] {rows.size(), requested};
    }

    private static List<SmartWarning> storedWarnings(DisclosureMapper mapper, long id) {
        return mapper.warnings(id).stream().map(w -> new SmartWarning(
                org.jianqun.core.disclosure.warnings.WarningRule.valueOf(w.ruleName()),
                org.jianqun.core.ticket.WarningColour.valueOf(w.colour()), w.message(), new JsonArray(w.evidenceJson()))).toList();
    }

    private static int maxVersion(List<DisclosureMapper.DisclosureRow> versions) {
        return versions.stream().mapToInt(DisclosureMapper.DisclosureRow::version).max().orElse(0);
    }

    static String label(DisclosureStatus status) {
        return switch (status) {
            case SUBMITTED -> "待审核";
            case REJECTED -> "已退回";
            case READY -> "待公开";
            case PUBLISHED -> "已公开";
        };
    }

    private static String contentHash(String linesJson, String reason, DisclosureLines lines) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(linesJson.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8));
            for (DisclosureLines.Invoice invoice : lines.invoices()) {
                sha.update((byte) 0);
                invoice.image().ifPresent(sha::update);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
