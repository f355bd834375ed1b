package org.jianqun.core.ticket;

/** DESIGN.md's ticket states; CLOSED, MERGED and REJECTED are final. */
public enum TicketState {
    /** At a level, waiting to be claimed. */
    OPEN("待认领", false),
    CLAIMED("办理中", false),
    /** Resolved, waiting for the complainant's rating. */
    RESOLVED("已办结、待评价", false),
    CLOSED("已结案", true),
    MERGED("已合并", true),
    REJECTED("已驳回", true);

    private final String label;
    private final boolean terminal;

    TicketState(String label, boolean terminal) {
        this.label = label;
        this.terminal = terminal;
    }

    public String label() {
        return label;
    }

    public boolean isFinal() {
        return terminal;
    }
}
