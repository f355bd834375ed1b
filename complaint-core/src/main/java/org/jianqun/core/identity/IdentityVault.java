package org.jianqun.core.identity;

import java.time.Instant;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.persistence.Database;

/**
 * Reporters' identities at rest: sealed field by field, each bound to its ticket, stored in the caller's
 * transaction (so a report and its identity commit together), opened only for a discipline officer's reveal.
 */
public final class IdentityVault {
    static final String NAME = "name";
    static final String PHONE = "phone";
    static final String ID_NUMBER = "id_number";
    private final IdentityCipher cipher;

    public IdentityVault(Database database, IdentityCipher cipher) {
        this.cipher = cipher;
        database.addMapper(IdentityMapper.class);
    }

    public IdentityCipher cipher() {
        return cipher;
    }

    public void store(SqlSession s, long ticketNo, ReporterIdentity identity, Instant at) {
        s.getMapper(IdentityMapper.class).insert(new IdentityMapper.SealedRow(ticketNo, cipher.ring().currentId().value(),
                cipher.seal(identity.realName(), Binding.ofTicket(ticketNo, NAME)),
                cipher.seal(identity.phone(), Binding.ofTicket(ticketNo, PHONE)),
                identity.idNumber().map(id -> cipher.seal(id.value(), Binding.ofTicket(ticketNo, ID_NUMBER))).orElse(null)), at);
    }

    /** The identity of ticket {@code ticketNo}'s reporter; the caller has decided it may be read and audits the read. */
    public Optional<ReporterIdentity> open(SqlSession s, long ticketNo) {
        IdentityMapper.SealedRow row = s.getMapper(IdentityMapper.class).find(ticketNo);
        if (row == null) {
            return Optional.empty();
        }
        return Optional.of(new ReporterIdentity(cipher.open(row.nameSealed(), Binding.ofTicket(ticketNo, NAME)),
                cipher.open(row.phoneSealed(), Binding.ofTicket(ticketNo, PHONE)),
                Optional.ofNullable(row.idNoSealed()).map(v -> cipher.open(v, Binding.ofTicket(ticketNo, ID_NUMBER)))
                        .map(v -> IdNumber.parse(v).orElseThrow())));
    }

    /** The identities of {@code reporter_identity} as one table a {@link KeyRotation} walks. */
    public SealedTable table() {
        return new SealedTable() {
            @Override
            public String name() {
                return "reporter_identity";
            }

            @Override
            public long countStale(SqlSession s, DataKeyRing.KeyId current) {
                return s.getMapper(IdentityMapper.class).countStale(current.value());
            }

            @Override
            public Batch resealBatch(SqlSession s, long after, int limit, Instant at) {
                IdentityMapper mapper = s.getMapper(IdentityMapper.class);
                long last = after;
                int done = 0;
                for (IdentityMapper.SealedRow row : mapper.staleBatch(cipher.ring().currentId().value(), after, limit)) {
                    long no = row.ticketNo();
                    mapper.rewrite(new IdentityMapper.SealedRow(no, cipher.ring().currentId().value(),
                            cipher.reseal(row.nameSealed(), Binding.ofTicket(no, NAME)),
                            cipher.reseal(row.phoneSealed(), Binding.ofTicket(no, PHONE)),
                            row.idNoSealed() == null ? null : cipher.reseal(row.idNoSealed(), Binding.ofTicket(no, ID_NUMBER))), at);
                    last = no;
                    done++;
                }
                return new Batch(done, last);
            }
        };
    }
}
