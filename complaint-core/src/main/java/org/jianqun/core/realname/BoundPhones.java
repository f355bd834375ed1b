package org.jianqun.core.realname;

import java.util.Optional;
import org.apache.ibatis.session.SqlSession;

/**
 * The phone a mini-program user bound through getPhoneNumber, as plain text for sealing into a report's identity.
 * The mini-program module owns the binding (and stores it sealed, {@code Binding.ofPerson(id, "phone")}); a
 * real-name report needs one (DESIGN.md), and reads it inside the report's own transaction.
 */
@FunctionalInterface
public interface BoundPhones {
    Optional<String> phoneOf(SqlSession s, long personId);
}
