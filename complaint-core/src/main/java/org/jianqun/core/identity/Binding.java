package org.jianqun.core.identity;

import java.util.Objects;

/**
 * What a ciphertext belongs to, given to AES-GCM as associated data: a sealed value copied to another ticket,
 * another person or another field does not open. Written as {@code ticket:<no>:<field>} or
 * {@code person:<id>:<field>} (a phone bound to a mini-program user before any ticket exists).
 */
public record Binding(String owner, String field) {
    public Binding {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(field, "field");
        if (!field.matches("[a-z_]{1,20}")) {
            throw new IllegalArgumentException("a field name is lowercase letters");
        }
    }

    public static Binding ofTicket(long ticketNo, String field) {
        return new Binding("ticket:" + ticketNo, field);
    }

    /** A person's own datum, e.g. the phone a mini-program user bound: {@code Binding.ofPerson(id, "phone")}. */
    public static Binding ofPerson(long personId, String field) {
        return new Binding("person:" + personId, field);
    }

    String associatedData() {
        return owner + ":" + field;
    }
}
