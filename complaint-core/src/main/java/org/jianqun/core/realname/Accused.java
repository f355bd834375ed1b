package org.jianqun.core.realname;

/** Someone a real-name report accuses: chosen from the registry by the reporter, or written by them. */
public sealed interface Accused {
    int MAX_NAME = 50;
    int MAX_POSITION = 50;

    /** A person of the registry ({@code person.id}). */
    record Registered(long personId) implements Accused {
    }

    /** A name and, optionally, a position as the reporter wrote them (镇长, 村会计, 县住建局副局长 …). */
    record Written(String name, String position) implements Accused {
    }
}
