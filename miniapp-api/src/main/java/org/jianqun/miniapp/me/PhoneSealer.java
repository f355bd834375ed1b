package org.jianqun.miniapp.me;

/**
 * Seals a bound phone number before it is stored ({@code miniapp_user.phone_sealed}), bound to its person so a
 * ciphertext copied onto another row does not open. {@link AesPhoneSealer} is AES-256-GCM under JIANQUN_DATA_KEY;
 * when core's identity encryption (org.jianqun.core.identity, the real-name reports' cipher) lands, an adapter
 * over it replaces that class and {@code keys rotate} covers phones too.
 */
public interface PhoneSealer {
    /** A sealed value and the id of the key that sealed it. */
    record Sealed(String keyId, String text) {
        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + "]";
        }
    }

    Sealed seal(String phone, long personId);

    String open(String sealed, long personId);
}
