package org.jianqun.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Objects;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.persistence.Database;

/**
 * The append-only, hash-chained audit trail. Each county has its own chain (so appends in one
 * county never wait for another's); every row carries the hash of the row before it in its chain
 * and its own hash over that and all its fields, and each chain's head records the newest row. A
 * changed row breaks its own hash, a deleted or reordered row breaks the link to the next (or the
 * head), and {@link #verify} names the first such row.
 *
 * <p>Hashes alone do not stop someone who can write the database: they can delete the newest rows and
 * move the head back, or change a row and recompute every later hash. So each head is also sealed
 * with an HMAC under the {@link AuditKey}, which the database does not hold, and the heads are
 * witnessed outside the database every day ({@link AuditWitnessJob}, {@link AuditWitnesses}):
 * verification checks the seals and that every witnessed head is still in its chain.
 */
public final class AuditTrail {
    public static final String PLATFORM_CHAIN = "platform";
    static final String GENESIS = "0".repeat(64);
    private static final int PAGE = 5_000;
    /** Entries written in one statement at most. */
    private static final int INSERT_PAGE = 500;

    private AuditTrail() {
    }

    /** The chain a region code's events go to: its county (first 6 digits), or the platform's. */
    public static String chainOf(String regionCode) {
        return regionCode == null || regionCode.length() < 6 ? PLATFORM_CHAIN : regionCode.substring(0, 6);
    }

    /** Appends within the caller's transaction; the chain's head stays locked until it commits. */
    public static void append(SqlSession session, AuditEntry entry) {
        appendAll(session, List.of(entry));
    }

    /**
     * Appends entries in their order within each chain. Heads are locked in chain-key order, so two
     * transactions touching the same chains never deadlock on them.
     */
    public static void appendAll(SqlSession session, List<AuditEntry> entries) {
        AuditKey key = Database.auditKey(session);
        AuditMapper mapper = session.getMapper(AuditMapper.class);
        Map<String, List<AuditEntry>> byChain = new TreeMap<>();
        entries.forEach(e -> byChain.computeIfAbsent(e.chainKey(), k -> new ArrayList<>()).add(e));
        Set<String> withHeads = Database.chainsWithHeads(session);
        for (Map.Entry<String, List<AuditEntry>> chain : byChain.entrySet()) {
            AuditMapper.Head head = withHeads.contains(chain.getKey()) ? mapper.lockHead(chain.getKey()) : null;
            if (head == null) {
                // This process's first append to the chain (or the head's creation was rolled back): upsert, then read.
                mapper.takeHead(chain.getKey(), GENESIS, key.sealHead(chain.getKey(), 0, GENESIS));
                head = mapper.lockHead(chain.getKey());
                withHeads.add(chain.getKey()); // heads are never deleted; one a rollback undid is found missing above
            }
            long seq = head.seq();
            String prev = head.hash();
            if (chain.getValue().size() == 1) {
                AuditEntry entry = chain.getValue().get(0);
                seq++;
                String hash = hash(prev, entry, seq);
                mapper.insert(entry, seq, prev, hash);
                prev = hash;
            } else {
                // Many entries (a push day's publications): one statement per page of them, not a round trip each.
                List<AuditMapper.Linked> rows = new ArrayList<>();
                for (AuditEntry entry : chain.getValue()) {
                    seq++;
                    String hash = hash(prev, entry, seq);
                    rows.add(new AuditMapper.Linked(entry, seq, prev, hash));
                    prev = hash;
                    if (rows.size() == INSERT_PAGE) {
                        mapper.insertAll(rows);
                        rows = new ArrayList<>();
                    }
                }
                if (!rows.isEmpty()) {
                    mapper.insertAll(rows);
                }
            }
            mapper.moveHead(chain.getKey(), seq, prev, key.sealHead(chain.getKey(), seq, prev));
        }
    }

    /** What a verification found: {@code firstBad} is null when every chain is whole and every witness agrees. */
    public record Verification(boolean ok, long checked, FirstBad firstBad) {
    }

    /**
     * The first row that does not fit: its id (null when rows are missing at a chain's end), chain, place
     * and why; {@code day} is the first day whose witness disagrees with the database (null when none does).
     */
    public record FirstBad(Long id, String chain, long seq, String problem, LocalDate day) {
        FirstBad withDay(LocalDate firstDay) {
            return new FirstBad(id, chain, seq, problem, firstDay);
        }
    }

    /** Walks every chain and checks every head's seal; no witnesses. Blocking. */
    public static Verification verify(Database database) {
        return verify(database, null);
    }

    /**
     * Walks every chain from its first row to its head, checks each head's seal under the database's
     * audit key, then checks each witness in {@code witnesses} (when given) against the rows. Blocking; reads in pages.
     */
    public static Verification verify(Database database, AuditWitnesses witnesses) {
        AuditKey key = database.auditKey().orElseThrow(() ->
                new IllegalStateException("verifying the audit trail needs the audit key (JIANQUN_AUDIT_KEY)"));
        return database.read(session -> {
            AuditMapper mapper = session.getMapper(AuditMapper.class);
            long[] checked = {0};
            FirstBad chainProblem = walk(mapper, key, checked);
            FirstBad witnessProblem = witnesses == null ? null : firstDisagreement(mapper, key, witnesses);
            if (chainProblem == null && witnessProblem == null) {
                return new Verification(true, checked[0], null);
            }
            return new Verification(false, checked[0], chainProblem == null ? witnessProblem
                    : chainProblem.withDay(witnessProblem == null ? null : witnessProblem.day()));
        });
    }

    private static FirstBad walk(AuditMapper mapper, AuditKey key, long[] checked) {
        AuditRow orphan = mapper.orphan();
        if (orphan != null) {
            return new FirstBad(orphan.id(), orphan.chainKey(), orphan.seq(), "its chain has no head", null);
        }
        for (AuditMapper.Head head : mapper.heads()) {
            String prev = GENESIS;
            long expectedSeq = 1;
            List<AuditRow> page = mapper.chainPage(head.chainKey(), 0, PAGE);
            while (!page.isEmpty()) {
                for (AuditRow row : page) {
                    checked[0]++;
                    String problem = null;
                    if (row.seq() != expectedSeq) {
                        problem = "expected position " + expectedSeq + " in the chain, found " + row.seq() + ": rows are missing";
                    } else if (!row.prevHash().equals(prev)) {
                        problem = "does not follow the row before it: a row was deleted, inserted or reordered";
                    } else if (!row.hash().equals(hash(row.prevHash(), row.entry(), row.seq()))) {
                        problem = "its content was changed after it was written";
                    }
                    if (problem != null) {
                        return new FirstBad(row.id(), row.chainKey(), row.seq(), problem, null);
                    }
                    prev = row.hash();
                    expectedSeq++;
                }
                page = mapper.chainPage(head.chainKey(), page.get(page.size() - 1).seq(), PAGE);
            }
            if (expectedSeq - 1 != head.seq() || !prev.equals(head.hash())) {
                return new FirstBad(null, head.chainKey(), expectedSeq,
                        "the chain ends at " + (expectedSeq - 1) + " but its head says " + head.seq() + ": the newest rows were deleted or changed", null);
            }
            if (head.seal() == null) {
                return new FirstBad(null, head.chainKey(), head.seq(), "its head is not sealed: it was written around the platform", null);
            }
            if (!AuditKey.same(key.sealHead(head.chainKey(), head.seq(), head.hash()), head.seal())) {
                return new FirstBad(null, head.chainKey(), head.seq(), "its head's seal does not fit: the chain was rewritten without "
                        + "the audit key (or JIANQUN_AUDIT_KEY is not the key it was sealed with)", null);
            }
        }
        return null;
    }

    /** The first witness, in day order, that the database no longer agrees with. */
    private static FirstBad firstDisagreement(AuditMapper mapper, AuditKey key, AuditWitnesses witnesses) {
        for (AuditWitnesses.Read read : witnesses.readAll(key)) {
            if (read.problem() != null) {
                return new FirstBad(null, null, 0, "the witness of " + read.day() + " " + read.problem(), read.day());
            }
            for (AuditWitnesses.WitnessedHead head : read.witness().heads()) {
                if (head.seq() == 0) {
                    continue; // an empty chain's head: nothing to lose
                }
                List<AuditRow> at = mapper.chainPage(head.chain(), head.seq() - 1, 1);
                AuditRow row = at.isEmpty() || at.get(0).seq() != head.seq() ? null : at.get(0);
                if (row == null) {
                    return new FirstBad(null, head.chain(), head.seq(), "the head witnessed on " + read.day()
                            + " is no longer in the database: rows were deleted", read.day());
                }
                if (!row.hash().equals(head.hash())) {
                    return new FirstBad(row.id(), head.chain(), head.seq(), "differs from the head witnessed on " + read.day()
                            + ": the chain was rewritten", read.day());
                }
            }
        }
        return null;
    }

    /**
     * Seals the heads written before heads had seals (migration V12), once: {@code Database.open} calls it in the
     * run that applied V12, so no later NULL seal is ever taken for an old one. Returns how many it sealed.
     */
    public static int sealHeadsOlderThanSeals(SqlSession session, AuditKey key) {
        AuditMapper mapper = session.getMapper(AuditMapper.class);
        int sealed = 0;
        for (AuditMapper.Head head : mapper.heads()) {
            if (head.seal() == null) {
                sealed += mapper.sealLegacyHead(head.chainKey(), head.seq(), head.hash(), key.sealHead(head.chainKey(), head.seq(), head.hash()));
            }
        }
        return sealed;
    }

    /** Whether a head's seal fits under {@code key} (the daily witness takes only heads that do). */
    static boolean sealFits(AuditKey key, AuditMapper.Head head) {
        return AuditKey.same(key.sealHead(head.chainKey(), head.seq(), head.hash()), head.seal());
    }

    /** SHA-256 over the previous hash and every field, unit-separated so no two rows can read alike. */
    static String hash(String prevHash, AuditEntry e, long seq) {
        String canonical = String.join("\u001F", prevHash, e.chainKey(), Long.toString(seq), Long.toString(e.at().toEpochMilli()),
                Objects.toString(e.ticketNo(), ""), e.type(), e.outcome(), e.actor(), Objects.toString(e.actorRole(), ""), e.channel(),
                Objects.toString(e.beforeState(), ""), Objects.toString(e.afterState(), ""), e.detail());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e2) {
            throw new IllegalStateException(e2);
        }
    }
}
