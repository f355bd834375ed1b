package org.jianqun.core.realname;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.access.Actor;
import org.jianqun.core.desk.DeskCommand;
import org.jianqun.core.desk.DeskResult;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.Via;
import org.jianqun.core.identity.IdNumber;
import org.jianqun.core.identity.IdentityMapper;
import org.jianqun.core.identity.IdentityVault;
import org.jianqun.core.identity.ReporterIdentity;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.persistence.RegionMapper;
import org.jianqun.core.persistence.TicketMapper;

/**
 * Takes in a real-name report (实名举报): checks it (a bound phone, an optional ID number with its checksum, the
 * accused, the matter, the evidence), routes it by the {@link ConflictShield}, registers it through
 * {@link DeskCommand.RegisterConfidential} and seals the reporter's identity into the vault, all in one
 * transaction: a report is registered with its identity, or nothing of it is written. Blocking: call from a worker.
 */
public final class RealNameReports {
    public static final int MAX_ACCUSED = 10;
    public static final int MAX_MEDIA = 9;
    public static final int MAX_REAL_NAME = 30;
    private static final char[] RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

    private final Database database;
    private final TicketDesk desk;
    private final IdentityVault vault;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RealNameReports(Database database, TicketDesk desk, IdentityVault vault, Clock clock) {
        this.database = database;
        this.desk = desk;
        this.vault = vault;
        this.clock = clock;
        database.addMapper(RealNameMapper.class);
        database.addMapper(IdentityMapper.class);
    }

    /** Thrown inside the transaction to roll back whatever the desk wrote when a later step refuses. */
    private static final class Undo extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Submission.Refused refusal;

        Undo(Submission.Refused refusal) {
            super(refusal.problem().code(), null, false, false);
            this.refusal = refusal;
        }
    }

    public Submission submit(Actor reporter, ConfidentialReport report, BoundPhones phones, Evidence evidence) {
        Optional<Submission.Refused> form = formProblem(report);
        if (form.isPresent()) {
            return form.get();
        }
        try {
            return database.inTransaction(s -> submitIn(s, reporter, report, phones, evidence));
        } catch (Undo undo) {
            return undo.refusal;
        }
    }

    private Submission submitIn(SqlSession s, Actor reporter, ConfidentialReport report, BoundPhones phones, Evidence evidence) {
        Instant now = clock.instant();
        Optional<String> phone = phones.phoneOf(s, reporter.personId());
        if (phone.isEmpty()) {
            return refused(SubmissionProblem.PHONE_NOT_BOUND, "phone", "实名举报须先绑定手机号");
        }
        Region village = s.getMapper(RegionMapper.class).find(report.villageCode());
        if (village == null || village.level() != RegionLevel.VILLAGE) {
            return refused(SubmissionProblem.UNKNOWN_VILLAGE, "villageCode", "村 " + report.villageCode() + " 不存在");
        }
        List<Standing> standings = new ArrayList<>();
        List<RealNameMapper.AccusedRow> accusedRows = new ArrayList<>();
        int seq = 0;
        for (Accused a : report.accused()) {
            seq++;
            if (a instanceof Accused.Registered r) {
                Person person = s.getMapper(PersonMapper.class).find(r.personId());
                if (person == null) {
                    return refused(SubmissionProblem.UNKNOWN_ACCUSED, "accused[" + (seq - 1) + "].personId", "举报对象 #" + r.personId() + " 不在名册中");
                }
                Optional<Standing> standing = ConflictShield.standingOf(person);
                standing.ifPresent(standings::add);
                accusedRows.add(new RealNameMapper.AccusedRow(0, seq, person.id(), person.name(), null,
                        standing.map(Standing::wire).orElse("nobody")));
            } else {
                Accused.Written w = (Accused.Written) a;
                Standing standing = ConflictShield.standingOfWritten(w.position(), report.villageCode());
                standings.add(standing);
                accusedRows.add(new RealNameMapper.AccusedRow(0, seq, null, w.name().strip(),
                        w.position() == null || w.position().isBlank() ? null : w.position().strip(), standing.wire()));
            }
        }
        ConflictShield.Decision decision = ConflictShield.route(report.villageCode(), standings);
        if (decision instanceof ConflictShield.Unroutable u) {
            return refused(SubmissionProblem.NO_OFFICE, "accused", u.why().reason());
        }
        ConflictShield.Route route = ((ConflictShield.Routed) decision).route();
        Optional<String> media = evidence.problem(s, reporter.personId(), report.mediaIds());
        if (media.isPresent()) {
            return refused(SubmissionProblem.INVALID_MEDIA, "mediaIds", media.get());
        }
        DeskResult result = desk.in(s).execute(new DeskCommand.RegisterConfidential(report.villageCode(), reporter.personId(),
                report.content(), route.officeCode()), reporter, Via.MINIAPP);
        if (result instanceof DeskResult.Refused r) {
            // The desk's own refusal and its audit entry stand; nothing else was written.
            return new Submission.Refused(SubmissionProblem.REFUSED, null, r.reason());
        }
        long no = ((DeskResult.Done) result).ticket().no();
        vault.store(s, no, new ReporterIdentity(report.realName().strip(), phone.get(),
                Optional.ofNullable(report.idNumber()).filter(v -> !v.isBlank()).map(v -> IdNumber.parse(v).orElseThrow())), now);
        String receipt = receipt(no);
        RealNameMapper mapper = s.getMapper(RealNameMapper.class);
        mapper.insert(new RealNameMapper.ReportRow(no, reporter.personId(), route.officeCode(), route.reason(), receipt, now));
        for (RealNameMapper.AccusedRow row : accusedRows) {
            mapper.insertAccused(new RealNameMapper.AccusedRow(no, row.seq(), row.personId(), row.name(), row.position(), row.countedAs()));
        }
        evidence.attach(s, no, reporter.personId(), report.mediaIds());
        return new Submission.Accepted(no, receipt);
    }

    /** Checks that need no database: nothing is read or written for a report that fails them. */
    static Optional<Submission.Refused> formProblem(ConfidentialReport r) {
        String name = r.realName() == null ? "" : r.realName().strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_REAL_NAME) {
            return Optional.of(new Submission.Refused(SubmissionProblem.INVALID_INPUT, "realName", "请填写真实姓名（最多 " + MAX_REAL_NAME + " 字）"));
        }
        if (r.idNumber() != null && !r.idNumber().isBlank()) {
            Optional<String> problem = IdNumber.problem(r.idNumber());
            if (problem.isPresent()) {
                return Optional.of(new Submission.Refused(SubmissionProblem.INVALID_ID_NUMBER, "idNumber", problem.get()));
            }
        }
        if (r.villageCode() == null || !r.villageCode().matches("\\d{12}")) {
            return Optional.of(new Submission.Refused(SubmissionProblem.INVALID_INPUT, "villageCode", "请选择所在村（12 位区划代码）"));
        }
        if (r.accused().size() > MAX_ACCUSED) {
            return Optional.of(new Submission.Refused(SubmissionProblem.INVALID_INPUT, "accused", "举报对象最多 " + MAX_ACCUSED + " 人"));
        }
        for (int i = 0; i < r.accused().size(); i++) {
            if (r.accused().get(i) instanceof Accused.Written w) {
                String n = w.name() == null ? "" : w.name().strip();
                if (n.isEmpty() || n.codePointCount(0, n.length()) > Accused.MAX_NAME) {
                    return Optional.of(new Submission.Refused(SubmissionProblem.INVALID_INPUT, "accused[" + i + "].name",
                            "请写明举报对象的姓名（最多 " + Accused.MAX_NAME + " 字），或从名册中选择"));
                }
                if (w.position() != null && w.position().strip().codePointCount(0, w.position().strip().length()) > Accused.MAX_POSITION) {
                    return Optional.of(new Submission.Refused(SubmissionProblem.INVALID_INPUT, "accused[" + i + "].position",
                            "职务最多 " + Accused.MAX_POSITION + " 字"));
                }
            }
        }
        String content = r.content() == null ? "" : r.content().strip();
        if (content.isEmpty() || content.codePointCount(0, content.length()) > TicketDesk.MAX_CONTENT_LENGTH) {
            return Optional.of(new Submission.Refused(SubmissionProblem.INVALID_INPUT, "content",
                    "请写明举报事项（最多 " + TicketDesk.MAX_CONTENT_LENGTH + " 字）"));
        }
        if (r.mediaIds().size() > MAX_MEDIA) {
            return Optional.of(new Submission.Refused(SubmissionProblem.INVALID_MEDIA, "mediaIds", "证据照片最多 " + MAX_MEDIA + " 张"));
        }
        return Optional.empty();
    }

    private static Submission refused(SubmissionProblem problem, String field, String message) {
        throw new Undo(new Submission.Refused(problem, field, message));
    }

    /** The receipt the reporter keeps: not the ticket number alone, so that it cannot be guessed from another's. */
    private String receipt(long no) {
        StringBuilder b = new StringBuilder("SM").append(no).append('-');
        for (int i = 0; i < 8; i++) {
            b.append(RECEIPT_ALPHABET[random.nextInt(RECEIPT_ALPHABET.length)]);
        }
        return b.toString();
    }
}
