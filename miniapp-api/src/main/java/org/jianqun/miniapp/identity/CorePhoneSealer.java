package org.jianqun.miniapp.identity;

import org.jianqun.core.identity.Binding;
import org.jianqun.core.identity.DataKeyRing;
import org.jianqun.core.identity.IdentityCipher;
import org.jianqun.miniapp.me.PhoneSealer;

/**
 * A bound phone sealed by core's identity cipher (the real-name reports' AES-256-GCM, its key ring and key ids), bound
 * to its person ({@code person:<id>:phone}): previous keys open it, {@code keys rotate} re-seals it ({@link BoundPhoneTable}).
 */
public final class CorePhoneSealer implements PhoneSealer {
    static final String FIELD = "phone";
    private final IdentityCipher cipher;

    public CorePhoneSealer(IdentityCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public Sealed seal(String phone, long personId) {
        String sealed = cipher.seal(phone, Binding.ofPerson(personId, FIELD));
        return new Sealed(IdentityCipher.keyIdOf(sealed).map(DataKeyRing.KeyId::value).orElseThrow(), sealed);
    }

    @Override
    public String open(String sealed, long personId) {
        return cipher.open(sealed, Binding.ofPerson(personId, FIELD));
    }
}
