package org.jianqun.core.ticket;

/** Which clock a ticket is running against at its current level. */
public enum DeadlineKind {
    CLAIM("认领"), HANDLING("办理");

    private final String label;

    DeadlineKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
