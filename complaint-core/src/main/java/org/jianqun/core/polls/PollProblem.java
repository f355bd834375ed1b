package org.jianqun.core.polls;

/** Why a poll command was refused, with its HTTP status and stable error code. */
public enum PollProblem {
    INVALID_POLL(422, "invalid_poll"),
    NOT_PERMITTED(403, "forbidden"),
    NOT_FOUND(404, "not_found"),
    NO_HOME_VILLAGE(422, "no_home_village"),
    OUTSIDE_SCOPE(403, "poll_outside_scope"),
    NOT_YET_OPEN(409, "poll_not_open"),
    CLOSED(409, "poll_closed"),
    INVALID_CHOICES(422, "invalid_choices"),
    ALREADY_VOTED(409, "already_voted");

    private final int status;
    private final String code;

    PollProblem(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
