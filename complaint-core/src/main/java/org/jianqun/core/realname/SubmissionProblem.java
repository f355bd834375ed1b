package org.jianqun.core.realname;

/** Why a real-name report was refused, each with its HTTP status and stable error code. */
public enum SubmissionProblem {
    PHONE_NOT_BOUND(422, "phone_not_bound"),
    INVALID_INPUT(400, "invalid_input"),
    INVALID_ID_NUMBER(422, "invalid_id_number"),
    UNKNOWN_VILLAGE(422, "unknown_village"),
    UNKNOWN_ACCUSED(422, "unknown_accused"),
    INVALID_MEDIA(422, "invalid_media"),
    NO_OFFICE(422, "no_office"),
    REFUSED(409, "refused");

    private final int status;
    private final String code;

    SubmissionProblem(int status, String code) {
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
