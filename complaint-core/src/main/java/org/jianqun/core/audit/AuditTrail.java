package org.jianqun.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 */
public final class AuditTrail {
    public static final String PLATFORM_CHAIN = "platform";
    static final String GENESIS = "0".repeat(64);
    private static final int PAGE = 5_000;

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
        AuditMapper mapper = session.getMapper(AuditMapper.class);
        Map<String, List<AuditEntry>> byChain = new TreeMap<>();
        entries.forEach(e -> byChain.computeIfAbsent(e.chainKey(), k -> new ArrayList<>()).add(e));
        for (Map.Entry<String, List<AuditEntry>> chain : byChain.entrySet()) {
            AuditMapper.Head head = mapper.lockHead(chain.getKey());
            if (head == null) {
                mapper.ensureHead(chain.getKey(), GENESIS);
                head = mapper.lockHead(chain.getKey());
            }
            long seq = head.seq();
            String prev = head.hash();
            for (AuditEntry entry : chain.getValue()) {
                seq++;
                String hash = hash(prev, entry, seq);
                mapper.insert(entry, seq, prev, hash);
                prev = hash;
            }
            mapper.moveHead(chain.getKey(), seq, prev);
        }
    }

    /** What a verification found: {@code firstBad} is null when every chain is whole. */
    public record Verification(boolean ok, long checked, FirstBad firstBad) {
    }

    /** The first row that does not fit: its id (null when rows are missing at a chain's end), chain, place and why. */
    public record FirstBad(Long id, String chain, long seq, String problem) {
    }

    /** Walks every chain from its first row to its head. Blocking; reads in pages. */
    public static Verification verify(Database database) {
        return database.read(session -> {
            AuditMapper mapper = session.getMapper(AuditMapper.class);
            long checked = 0;
            AuditRow orphan = mapper.orphan();
            if (orphan != null) {
                return new Verification(false, 0, new FirstBad(orphan.id(), orphan.chainKey(), orphan.seq(), "its chain has no head"));
            }
            for (AuditMapper.Head head : mapper.heads()) {
                String prev = GENESIS;
                long expectedSeq = 1;
                List<AuditRow> page = mapper.chainPage(head.chainKey(), 0, PAGE);
                while (!page.isEmpty()) {
                    for (AuditRow row : page) {
                        checked++;
                        String problem = null;
                        if (row.seq() != expectedSeq) {
                            problem = "expected position " + expectedSeq + " in the chain, found " + row.seq() + ": rows are missing";
                        } else if (!row.prevHash().equals(prev)) {
                            problem = "does not follow the row before it: a row was deleted, inserted or reordered";
                        } else if (!row.hash().equals(hash(row.prevHash(), row.entry(), row.seq()))) {
                            problem = "its content was changed after it was written";
                        }
                        if (problem != null) {
                            return new Verification(false, checked, new FirstBad(row.id(), row.chainKey(), row.seq(), problem));
                        }
                        prev = row.hash();
                        expectedSeq++;
                    }
                    page = mapper.chainPage(head.chainKey(), page.get(page.size() - 1).seq(), PAGE);
                }
                if (expectedSeq - 1 != head.seq() || !prev.equals(head.hash())) {
                    return new Verification(false, checked, new FirstBad(null, head.chainKey(), expectedSeq,
                            "the chain ends at " + (expectedSeq - 1) + " but its head says " + head.seq() + ": the newest rows were deleted or changed"));
                }
            }
            return new Verification(true, checked, null);
        });
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
