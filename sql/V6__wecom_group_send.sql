-- Owner-confirmed group-send tasks (企业群发, add_msg_template) into external villager groups.
-- Same dialect rules as V1: runs on MariaDB/MySQL and on H2 in MySQL mode; instants are DATETIME(3) UTC.

-- One task: one text for one group, to be confirmed by the group's owner in WeCom.
-- status: REFUSED (never sent; reason in last_error) | QUEUED -> CREATED (msgid) -> SENT | EXPIRED | FAILED (reason in last_error).
-- send_month (yyyy-MM, Asia/Shanghai) is the natural month whose budget of group-sends the task uses.
-- request_key is the caller's: an enqueue retried with the same key finds its task instead of adding one.
-- next_attempt_at is when advance() must look at the task again (NULL once it is settled).
-- attempt_started_at is set while add_msg_template is in flight and kept when no answer came: the next
-- attempt then looks for the task in WeCom before creating it again.
CREATE TABLE wecom_group_send (
  id                 BIGINT        NOT NULL AUTO_INCREMENT,
  request_key        VARCHAR(128)  NOT NULL,
  purpose            VARCHAR(12)   NOT NULL,
  chat_id            VARCHAR(128)  NOT NULL,
  send_month         CHAR(7)       NOT NULL,
  text               TEXT          NOT NULL,
  status             VARCHAR(10)   NOT NULL,
  owner_userid       VARCHAR(64)   NULL,
  msgid              VARCHAR(128)  NULL,
  reminders_sent     INT           NOT NULL DEFAULT 0,
  attempts           INT           NOT NULL DEFAULT 0,
  queued_at          DATETIME(3)   NOT NULL,
  wecom_created_at   DATETIME(3)   NULL,
  last_reminded_at   DATETIME(3)   NULL,
  sent_at            DATETIME(3)   NULL,
  finished_at        DATETIME(3)   NULL,
  next_attempt_at    DATETIME(3)   NULL,
  attempt_started_at DATETIME(3)   NULL,
  last_error         VARCHAR(1000) NULL,
  version            INT           NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT wecom_group_send_request UNIQUE (request_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX wecom_group_send_due ON wecom_group_send (status, next_attempt_at);
CREATE INDEX wecom_group_send_chat_month ON wecom_group_send (chat_id, send_month, status);
CREATE INDEX wecom_group_send_month_status ON wecom_group_send (send_month, status);

-- One row per group and month, locked (SELECT … FOR UPDATE) while an enqueue counts that month's
-- budget, so that two enqueues for one group are counted one after the other.
CREATE TABLE wecom_group_send_month (
  chat_id    VARCHAR(128) NOT NULL,
  send_month CHAR(7)      NOT NULL,
  PRIMARY KEY (chat_id, send_month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
