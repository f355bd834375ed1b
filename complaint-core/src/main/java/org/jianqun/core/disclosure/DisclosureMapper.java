package org.jianqun.core.disclosure;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.jianqun.core.disclosure.warnings.RuleSetting;

/** SQL for disclosures, their invoices, warnings, the catalogue and the rules' settings. */
public interface DisclosureMapper {
    /** One version as stored, without its image. */
    record DisclosureRow(long id, String villageCode, String countyCode, String disclosureMonth, int version, DisclosureStatus status,
                         String correctionReason, String contentHash, String linesJson, long uploadedBy, Instant uploadedAt,
                         Instant readyAt, Instant publishedAt, String summaryMd, String renderProblem) {
    }

    String COLUMNS = "id, village_code AS villageCode, county_code AS countyCode, disclosure_month AS disclosureMonth, version, status, correction_reason AS correctionReason, "
            + "content_hash AS contentHash, lines_json AS linesJson, uploaded_by AS uploadedBy, uploaded_at AS uploadedAt, ready_at AS readyAt, "
            + "published_at AS publishedAt, summary_md AS summaryMd, render_problem AS renderProblem";

    @Insert("INSERT INTO disclosure (village_code, county_code, disclosure_month, version, status, correction_reason, content_hash, lines_json, "
            + "uploaded_by, uploaded_at, subsidies_indexed) VALUES (#{village}, #{county}, #{month}, #{version}, 'SUBMITTED', #{reason}, #{hash}, "
            + "#{lines}, #{by}, #{at}, TRUE)")
    void insert(@Param("village") String villageCode, @Param("county") String countyCode, @Param("month") String month,
                @Param("version") int version, @Param("reason") String correctionReason, @Param("hash") String contentHash,
                @Param("lines") String linesJson, @Param("by") long uploadedBy, @Param("at") Instant at);

    /** A re-upload of a version still with the bookkeeper: its lines replaced, back to review. */
    @Update("UPDATE disclosure SET status = 'SUBMITTED', correction_reason = #{reason}, content_hash = #{hash}, lines_json = #{lines}, "
            + "uploaded_by = #{by}, uploaded_at = #{at}, ready_at = NULL, summary_md = NULL, details_png = NULL, render_problem = NULL, "
            + "subsidies_indexed = TRUE "
            + "WHERE id = #{id} AND status IN ('SUBMITTED', 'REJECTED')")
    int replace(@Param("id") long id, @Param("reason") String correctionReason, @Param("hash") String contentHash,
                @Param("lines") String linesJson, @Param("by") long uploadedBy, @Param("at") Instant at);

    @Select("SELECT " + COLUMNS + " FROM disclosure WHERE village_code = #{village} AND disclosure_month = #{month} ORDER BY version")
    List<DisclosureRow> versions(@Param("village") String villageCode, @Param("month") String month);

    /** The versions of a village's month, locked: uploads of one (village, month) go one after the other. */
    @Select("SELECT " + COLUMNS + " FROM disclosure WHERE village_code = #{village} AND disclosure_month = #{month} ORDER BY version FOR UPDATE")
    List<DisclosureRow> lockVersions(@Param("village") String villageCode, @Param("month") String month);

    @Select("SELECT " + COLUMNS + " FROM disclosure WHERE id = #{id}")
    DisclosureRow find(@Param("id") long id);

    @Select("SELECT " + COLUMNS + " FROM disclosure WHERE id = #{id} FOR UPDATE")
    DisclosureRow lock(@Param("id") long id);

    @Update("UPDATE disclosure SET status = #{to} WHERE id = #{id} AND status = #{from}")
    int move(@Param("id") long id, @Param("from") DisclosureStatus from, @Param("to") DisclosureStatus to);

    @Update("UPDATE disclosure SET status = 'READY', ready_at = #{at}, summary_md = #{summary}, details_png = #{png}, render_problem = #{problem} "
            + "WHERE id = #{id} AND status = 'SUBMITTED'")
    int ready(@Param("id") long id, @Param("at") Instant at, @Param("summary") String summaryMd, @Param("png") byte[] detailsPng,
              @Param("problem") String renderProblem);

    /** What publishing a version needs of it (not its lines, which may be long). */
    record Publishing(long id, String villageCode, String disclosureMonth, int version, String summaryMd) {
    }

    /** Those of {@code ids} still ready, locked for publishing, in id order (so two publishers lock alike). */
    @Select("<script>SELECT id, village_code AS villageCode, disclosure_month AS disclosureMonth, version, summary_md AS summaryMd "
            + "FROM disclosure WHERE id IN <foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach> "
            + "AND status = 'READY' ORDER BY id FOR UPDATE</script>")
    List<Publishing> lockReady(@Param("ids") Collection<Long> ids);

    /** Publishes every one of {@code ids} still ready; how many. */
    @Update("<script>UPDATE disclosure SET status = 'PUBLISHED', published_at = #{at} WHERE id IN "
            + "<foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach> AND status = 'READY'</script>")
    int publishAll(@Param("ids") Collection<Long> ids, @Param("at") Instant at);

    /** Ready versions of months up to {@code lastMonth} (whose push day has come), oldest first. */
    @Select("SELECT id FROM disclosure WHERE status = 'READY' AND disclosure_month <= #{lastMonth} ORDER BY disclosure_month, id LIMIT #{limit}")
    List<Long> readyUpTo(@Param("lastMonth") String lastMonth, @Param("limit") int limit);

    /** The rendered details image. */
    record Png(byte[] png) {
    }

    @Select("SELECT details_png AS png FROM disclosure WHERE id = #{id} AND status = 'PUBLISHED'")
    Png publishedPng(@Param("id") long id);

    /** A published version's rendered image, with its id. */
    record IdPng(long id, byte[] png) {
    }

    /** The rendered images of those of {@code ids} that are published and have one, in one query (a batch's image rows). */
    @Select("<script>SELECT id, details_png AS png FROM disclosure WHERE status = 'PUBLISHED' AND details_png IS NOT NULL AND id IN "
            + "<foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
    List<IdPng> publishedPngs(@Param("ids") Collection<Long> ids);

    /** Whether a published version has its rendered image, and why not (its render problem); without the bytes. */
    record ImageState(long id, String disclosureMonth, boolean hasPng, String renderProblem) {
    }

    /** {@link ImageState} of those of {@code ids} that are published, in one query (a push day routes thousands). */
    @Select("<script>SELECT id, disclosure_month AS disclosureMonth, CASE WHEN details_png IS NULL THEN FALSE ELSE TRUE END AS hasPng, "
            + "render_problem AS renderProblem FROM disclosure WHERE status = 'PUBLISHED' AND id IN "
            + "<foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
    List<ImageState> publishedImages(@Param("ids") Collection<Long> ids);

    // --- invoices

    record InvoiceRow(long id, long disclosureId, String villageCode, int lineNo, String invoiceKey, long amountCents, String payee,
                      LocalDate paidOn, PaymentMethod paymentMethod, String purpose, boolean hasImage, Decision decision, String reason,
                      Long reviewedBy, String reviewerName, Instant reviewedAt) {
    }

    String INVOICE_COLUMNS = "id, disclosure_id AS disclosureId, village_code AS villageCode, line_no AS lineNo, invoice_key AS invoiceKey, "
            + "amount_cents AS amountCents, payee, paid_on AS paidOn, payment_method AS paymentMethod, purpose, "
            + "(image_jpeg IS NOT NULL) AS hasImage, decision, reason, reviewed_by AS reviewedBy, reviewer_name AS reviewerName, "
            + "reviewed_at AS reviewedAt";

    @Insert("INSERT INTO disclosure_invoice (disclosure_id, county_code, village_code, line_no, invoice_key, amount_cents, payee, paid_on, "
            + "payment_method, purpose, image_jpeg) VALUES (#{d}, #{county}, #{village}, #{i.row}, #{key}, #{i.amount.cents}, #{i.payee}, "
            + "#{i.date}, #{i.method}, #{i.purpose}, #{image})")
    void insertInvoice(@Param("d") long disclosureId, @Param("county") String countyCode, @Param("village") String villageCode,
                       @Param("key") String invoiceKey, @Param("i") DisclosureLines.Invoice invoice, @Param("image") byte[] image);

    @Delete("DELETE FROM disclosure_invoice WHERE disclosure_id = #{d}")
    void deleteInvoices(@Param("d") long disclosureId);

    @Select("SELECT " + INVOICE_COLUMNS + " FROM disclosure_invoice WHERE disclosure_id = #{d} ORDER BY line_no")
    List<InvoiceRow> invoices(@Param("d") long disclosureId);

    /** An invoice's photo as cleaned at upload (JPEG or PNG); {@code image} is null when none came with it. */
    record InvoiceImage(byte[] image) {
    }

    @Select("SELECT image_jpeg AS image FROM disclosure_invoice WHERE disclosure_id = #{d} AND line_no = #{line}")
    InvoiceImage invoiceImage(@Param("d") long disclosureId, @Param("line") int lineNo);

    @Update("UPDATE disclosure_invoice SET decision = #{decision}, reason = #{reason}, reviewed_by = #{by}, reviewer_name = #{name}, "
            + "reviewed_at = #{at} WHERE disclosure_id = #{d} AND line_no = #{line}")
    int review(@Param("d") long disclosureId, @Param("line") int lineNo, @Param("decision") Decision decision, @Param("reason") String reason,
               @Param("by") long reviewerId, @Param("name") String reviewerName, @Param("at") Instant at);

    /**
     * The same invoice elsewhere in the county: in another village, or in another month of this one. Earlier
     * versions of this very (village, month) are left out, since a correction repeats its month's invoices.
     */
    @Select("<script>SELECT i.invoice_key AS invoiceKey, i.village_code AS villageCode, d.disclosure_month AS disclosureMonth, d.version, i.line_no AS lineNo, "
            + "i.amount_cents AS amountCents, i.payee FROM disclosure_invoice i JOIN disclosure d ON d.id = i.disclosure_id "
            + "WHERE i.county_code = #{county} AND i.invoice_key IN "
            + "<foreach item='k' collection='keys' open='(' separator=',' close=')'>#{k}</foreach> "
            + "AND NOT (d.village_code = #{village} AND d.disclosure_month = #{month}) ORDER BY i.id</script>")
    List<SeenInvoice> seenElsewhere(@Param("county") String countyCode, @Param("keys") Collection<String> keys,
                                    @Param("village") String villageCode, @Param("month") String month);

    record SeenInvoice(String invoiceKey, String villageCode, String disclosureMonth, int version, int lineNo, long amountCents, String payee) {
    }

    /** This village's invoices to these payees paid in [from, to], outside this (village, month): the window of the split rule. */
    @Select("<script>SELECT i.invoice_key AS invoiceKey, i.village_code AS villageCode, d.disclosure_month AS disclosureMonth, d.version, i.line_no AS lineNo, "
            + "i.amount_cents AS amountCents, i.payee FROM disclosure_invoice i JOIN disclosure d ON d.id = i.disclosure_id "
            + "WHERE i.village_code = #{village} AND d.disclosure_month &lt;&gt; #{month} AND i.paid_on BETWEEN #{from} AND #{to} "
            + "AND d.version = (SELECT MAX(d2.version) FROM disclosure d2 WHERE d2.village_code = d.village_code AND d2.disclosure_month = d.disclosure_month) "
            + "AND i.payee IN <foreach item='p' collection='payees' open='(' separator=',' close=')'>#{p}</foreach></script>")
    List<SeenInvoice> paidToAround(@Param("village") String villageCode, @Param("month") String month, @Param("payees") Collection<String> payees,
                                   @Param("from") LocalDate from, @Param("to") LocalDate to);

    /** Registered relatives (the relatives import) named {@code names}, of cadres whose scope covers the village. */
    @Select("<script>SELECT relative_name AS name, relation, id_number_hash AS idNumberHash FROM cadre_relative WHERE relative_name IN "
            + "<foreach item='n' collection='names' open='(' separator=',' close=')'>#{n}</foreach> "
            + "AND #{village} LIKE CONCAT(scope_code, '%')</script>")
    List<Relative> relativesNamed(@Param("names") Collection<String> names, @Param("village") String villageCode);

    /** Registered relatives whose ID number hash is one of {@code hashes}, of cadres whose scope covers the village. */
    @Select("<script>SELECT relative_name AS name, relation, id_number_hash AS idNumberHash FROM cadre_relative WHERE id_number_hash IN "
            + "<foreach item='h' collection='hashes' open='(' separator=',' close=')'>#{h}</foreach> "
            + "AND #{village} LIKE CONCAT(scope_code, '%')</script>")
    List<Relative> relativesWithIdNumber(@Param("hashes") Collection<String> idNumberHashes, @Param("village") String villageCode);

    record Relative(String name, String relation, String idNumberHash) {
    }

    // --- subsidies (one row per subsidy line of a version, for the subsidy_twice rule)

    @Insert("INSERT INTO disclosure_subsidy (disclosure_id, county_code, village_code, disclosure_month, line_no, recipient, kind, amount_cents, "
            + "id_number_hash) VALUES (#{d}, #{county}, #{village}, #{month}, #{s.row}, #{s.recipient}, #{s.kind}, #{s.amount.cents}, "
            + "#{hash,jdbcType=CHAR})")
    void insertSubsidy(@Param("d") long disclosureId, @Param("county") String countyCode, @Param("village") String villageCode,
                       @Param("month") String month, @Param("s") DisclosureLines.Subsidy subsidy, @Param("hash") String idNumberHash);

    @Delete("DELETE FROM disclosure_subsidy WHERE disclosure_id = #{d}")
    void deleteSubsidies(@Param("d") long disclosureId);

    /** A subsidy line of another month or village, of the version that stands for its month (the latest ready or published). */
    record SeenSubsidy(String villageCode, String disclosureMonth, int version, int lineNo, String recipient, String kind, long amountCents,
                       String idNumberHash) {
    }

    String SEEN_SUBSIDY = "SELECT s.village_code AS villageCode, s.disclosure_month AS disclosureMonth, d.version, s.line_no AS lineNo, "
            + "s.recipient, s.kind, s.amount_cents AS amountCents, s.id_number_hash AS idNumberHash "
            + "FROM disclosure_subsidy s JOIN disclosure d ON d.id = s.disclosure_id WHERE ";
    /**
     * Months [from, to] but this (village, month), whose lines this upload replaces; only the version that stands for
     * its month, since a correction repeats its month's subsidies; versions under review or rejected are not paid yet.
     */
    String STANDING = " AND s.disclosure_month BETWEEN #{from} AND #{to} AND NOT (s.village_code = #{village} AND s.disclosure_month = #{month}) "
            + "AND d.status IN ('READY', 'PUBLISHED') AND d.version = (SELECT MAX(d2.version) FROM disclosure d2 "
            + "WHERE d2.village_code = d.village_code AND d2.disclosure_month = d.disclosure_month AND d2.status IN ('READY', 'PUBLISHED'))";

    /** The county's subsidy lines to the people with these ID number hashes. */
    @Select("<script>" + SEEN_SUBSIDY + "s.id_number_hash IN <foreach item='h' collection='hashes' open='(' separator=',' close=')'>#{h}</foreach> "
            + "AND s.county_code = #{county}" + STANDING + " ORDER BY s.disclosure_month, s.village_code, s.line_no</script>")
    List<SeenSubsidy> subsidiesToIdNumbers(@Param("county") String countyCode, @Param("hashes") Collection<String> idNumberHashes,
                                           @Param("from") String fromMonth, @Param("to") String toMonth, @Param("village") String villageCode,
                                           @Param("month") String month);

    /** The village's own subsidy lines to people of these names (namesakes of two villages are not matched). */
    @Select("<script>" + SEEN_SUBSIDY + "s.village_code = #{village} AND s.recipient IN "
            + "<foreach item='n' collection='names' open='(' separator=',' close=')'>#{n}</foreach>" + STANDING
            + " ORDER BY s.disclosure_month, s.line_no</script>")
    List<SeenSubsidy> subsidiesNamed(@Param("village") String villageCode, @Param("names") Collection<String> names,
                                     @Param("from") String fromMonth, @Param("to") String toMonth, @Param("month") String month);

    /** Versions of the county stored before their subsidy lines had rows of their own (V24). */
    @Select("SELECT " + COLUMNS + " FROM disclosure WHERE subsidies_indexed = FALSE AND county_code = #{county} ORDER BY id LIMIT #{limit}")
    List<DisclosureRow> subsidiesNotIndexed(@Param("county") String countyCode, @Param("limit") int limit);

    /** 1 for the one transaction that gets to copy a version's subsidy lines, 0 for any other. */
    @Update("UPDATE disclosure SET subsidies_indexed = TRUE WHERE id = #{id} AND subsidies_indexed = FALSE")
    int claimSubsidyIndex(@Param("id") long disclosureId);

    /** Each kind's own period of subsidy_twice: the county's rows and the defaults (county ''); the county's row wins. */
    @Select("SELECT kind, period FROM disclosure_subsidy_period WHERE county_code = #{county} "
            + "UNION ALL SELECT kind, period FROM disclosure_subsidy_period d WHERE d.county_code = '' AND NOT EXISTS "
            + "(SELECT 1 FROM disclosure_subsidy_period c WHERE c.county_code = #{county} AND c.kind = d.kind)")
    List<KindPeriod> subsidyPeriods(@Param("county") String countyCode);

    record KindPeriod(String kind, String period) {
    }

    // --- warnings

    @Insert("INSERT INTO disclosure_warning (disclosure_id, village_code, rule_name, colour, message, evidence_json, raised_at) "
            + "VALUES (#{d}, #{village}, #{rule}, #{colour}, #{message}, #{evidence}, #{at})")
    void insertWarning(@Param("d") long disclosureId, @Param("village") String villageCode, @Param("rule") String rule,
                       @Param("colour") String colour, @Param("message") String message, @Param("evidence") String evidenceJson,
                       @Param("at") Instant at);

    @Delete("DELETE FROM disclosure_warning WHERE disclosure_id = #{d}")
    void deleteWarnings(@Param("d") long disclosureId);

    record WarningRow(long id, long disclosureId, String villageCode, String ruleName, String colour, String message, String evidenceJson,
                      Instant raisedAt) {
    }

    @Select("SELECT id, disclosure_id AS disclosureId, village_code AS villageCode, rule_name AS ruleName, colour, message, "
            + "evidence_json AS evidenceJson, raised_at AS raisedAt FROM disclosure_warning WHERE disclosure_id = #{d} ORDER BY id")
    List<WarningRow> warnings(@Param("d") long disclosureId);

    // --- rules and catalogue

    /** The county's own settings and the defaults (county ''); the county's row wins. */
    @Select("SELECT rule_name AS ruleName, enabled, colour, threshold_cents AS thresholdCents, window_days AS windowDays, period, "
            + "name_match_colour AS nameMatchColour FROM disclosure_rule_setting WHERE county_code = #{county} "
            + "UNION ALL SELECT rule_name, enabled, colour, threshold_cents, window_days, period, name_match_colour FROM disclosure_rule_setting d "
            + "WHERE d.county_code = '' AND NOT EXISTS (SELECT 1 FROM disclosure_rule_setting c WHERE c.county_code = #{county} "
            + "AND c.rule_name = d.rule_name)")
    List<RuleSetting.Row> ruleSettings(@Param("county") String countyCode);

    @Delete("DELETE FROM disclosure_rule_setting WHERE county_code = #{county} AND rule_name = #{rule}")
    void deleteRuleSetting(@Param("county") String countyCode, @Param("rule") String rule);

    @Insert("INSERT INTO disclosure_rule_setting (county_code, rule_name, enabled, colour, threshold_cents, window_days, period, name_match_colour) "
            + "VALUES (#{county}, #{s.rule}, #{s.enabled}, #{s.colour}, #{s.thresholdCents,jdbcType=BIGINT}, #{s.windowDays,jdbcType=INTEGER}, "
            + "#{s.period,jdbcType=VARCHAR}, #{s.nameMatchColour,jdbcType=VARCHAR})")
    void insertRuleSetting(@Param("county") String countyCode, @Param("s") RuleSetting setting);

    @Select("SELECT position, category, name, cadence FROM disclosure_catalogue_item WHERE county_code = #{county} ORDER BY position")
    List<CatalogueItem> catalogue(@Param("county") String countyCode);

    @Delete("DELETE FROM disclosure_catalogue_item WHERE county_code = #{county}")
    void deleteCatalogue(@Param("county") String countyCode);

    @Insert("INSERT INTO disclosure_catalogue_item (county_code, position, category, name, cadence) "
            + "VALUES (#{county}, #{i.position}, #{i.category}, #{i.name}, #{i.cadence})")
    void insertCatalogueItem(@Param("county") String countyCode, @Param("i") CatalogueItem item);
}
