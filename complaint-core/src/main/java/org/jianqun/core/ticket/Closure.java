package org.jianqun.core.ticket;

/** How a CLOSED ticket was closed; UNRATED is counted apart from the satisfied ones, never with them. */
public enum Closure {
    SATISFIED("满意"), BASICALLY_SATISFIED("基本满意"), UNRATED("未评价");

    private final String label;

    Closure(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
