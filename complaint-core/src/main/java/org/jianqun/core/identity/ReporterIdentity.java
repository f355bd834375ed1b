package org.jianqun.core.identity;

import java.util.Objects;
import java.util.Optional;

/**
 * Who made a real-name report: name, bound phone, optional ID number. Only ever plain in memory, on its way
 * into {@link IdentityVault} or out of it to a discipline officer's reveal; {@code toString} shows none of it,
 * so a stray log line or exception message cannot carry it.
 */
public record ReporterIdentity(String realName, String phone, Optional<IdNumber> idNumber) {
    public ReporterIdentity {
        Objects.requireNonNull(realName, "realName");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(idNumber, "idNumber");
    }

    @Override
    public String toString() {
        return "ReporterIdentity[****]";
    }
}
