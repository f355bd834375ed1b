package org.jianqun.miniapp.identity;

import java.time.Instant;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.identity.DataKeyRing;
import org.jianqun.core.identity.IdentityCipher;
import org.jianqun.core.identity.SealedTable;
import org.jianqun.core.persistence.Database;

/** The mini-program users' bound phones ({@code miniapp_user.phone_sealed}) as one table {@code keys rotate} re-seals. */
public final class BoundPhoneTable implements SealedTable {
    private final CorePhoneSealer phones;
    private final IdentityCipher cipher;

    public BoundPhoneTable(Database database, IdentityCipher cipher) {
        this.cipher = cipher;
        this.phones = new CorePhoneSealer(cipher);
        database.addMapper(BoundPhoneMapper.class);
    }

    @Override
    public String name() {
        return "miniapp_user.phone_sealed";
    }

    @Override
    public long countStale(SqlSession s, DataKeyRing.KeyId current) {
        return s.getMapper(BoundPhoneMapper.class).countStale(current.value());
    }

    @Override
    public Batch resealBatch(SqlSession s, long after, int limit, Instant at) {
        BoundPhoneMapper mapper = s.getMapper(BoundPhoneMapper.class);
        long last = after;
        int done = 0;
        String current = cipher.ring().currentId().value();
        for (BoundPhoneMapper.Row row : mapper.stale(current, after, limit)) {
            mapper.rewrite(row.personId(), phones.seal(phones.open(row.phoneSealed(), row.personId()), row.personId()).text(), current, at);
            last = row.personId();
            done++;
        }
        return new Batch(done, last);
    }
}
