-- Tickets, their complainants, the hash-chained audit trail and the outbox.
-- Same dialect rules as V1: runs on MariaDB/MySQL and on H2 in MySQL mode.

-- Ticket numbers: one row per number handed out (AUTO_INCREMENT gives a unique, ever-growing number
-- before the ticket row itself is built).
CREATE TABLE ticket_number (
  no BIGINT NOT NULL AUTO_INCREMENT,
  PRIMARY KEY (no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ticket (
  no                  BIGINT        NOT NULL,
  village_code        VARCHAR(12)   NOT NULL,
  complainant_id      BIGINT        NOT NULL,
  state               VARCHAR(10)   NOT NULL,
  level               VARCHAR(8)    NOT NULL,
  tier                VARCHAR(8)    NOT NULL,
  content             VARCHAR(4000) NOT NULL,
  channel             VARCHAR(8)    NOT NULL,
  origin_group_id     VARCHAR(128)  NULL,
  confidential        BOOLEAN       NOT NULL DEFAULT FALSE,
  registered_at       DATETIME(3)   NOT NULL,
  arrived_at          DATETIME(3)   NOT NULL,
  handling_from       DATETIME(3)   NOT NULL,
  handler_id          BIGINT        NULL,
  handler_name        VARCHAR(200)  NULL,
  resolution          VARCHAR(4000) NULL,
  resolved_at         DATETIME(3)   NULL,
  rating_reminded     BOOLEAN       NOT NULL DEFAULT FALSE,
  ending              VARCHAR(20)   NULL,
  ending_detail       VARCHAR(4000) NULL,
  merged_into         BIGINT        NULL,
  ended_at            DATETIME(3)   NULL,
  reopened            INT           NOT NULL DEFAULT 0,
  urged               INT           NOT NULL DEFAULT 0,
  escalated           INT           NOT NULL DEFAULT 0,
  overdue_escalations INT           NOT NULL DEFAULT 0,
  warning             VARCHAR(8)    NOT NULL DEFAULT 'NONE',
  possible_duplicate_of BIGINT      NULL,
  -- The next instant a job must look at this ticket (yellow, overdue, rating follow-up, unrated
  -- close); NULL when nothing is pending. The sweep reads only rows due by this index.
  next_due_at         DATETIME(3)   NULL,
  version             INT           NOT NULL,
  PRIMARY KEY (no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ticket_due ON ticket (next_due_at);
CREATE INDEX ticket_village_state ON ticket (village_code, state);
CREATE INDEX ticket_state_level ON ticket (state, level);

-- Everyone who raised the matter: the complainant, and those of tickets merged into it.
CREATE TABLE ticket_complainant (
  ticket_no  BIGINT      NOT NULL,
  person_id  BIGINT      NOT NULL,
  via_ticket BIGINT      NOT NULL,
  PRIMARY KEY (ticket_no, person_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Append-only audit trail, one hash chain per county (chain_key; 'platform' for what has no county),
-- so counties do not queue behind each other. hash = SHA-256 over prev_hash and the row's fields.
CREATE TABLE audit_event (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  chain_key    VARCHAR(12)   NOT NULL,
  seq          BIGINT        NOT NULL,
  at           DATETIME(3)   NOT NULL,
  ticket_no    BIGINT        NULL,
  type         VARCHAR(32)   NOT NULL,
  outcome      VARCHAR(10)   NOT NULL,
  actor        VARCHAR(300)  NOT NULL,
  actor_role   VARCHAR(24)   NULL,
  channel      VARCHAR(8)    NOT NULL,
  before_state VARCHAR(24)   NULL,
  after_state  VARCHAR(24)   NULL,
  detail       VARCHAR(4000) NOT NULL,
  prev_hash    CHAR(64)      NOT NULL,
  hash         CHAR(64)      NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT audit_event_chain_seq UNIQUE (chain_key, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX audit_event_ticket ON audit_event (ticket_no, id);

-- The head of each chain: the last seq and hash, written with every append, so that deleting the
-- newest rows is caught too. Appends lock their chain's head row (one writer per county at a time).
CREATE TABLE audit_head (
  chain_key VARCHAR(12) NOT NULL,
  seq       BIGINT      NOT NULL,
  hash      CHAR(64)    NOT NULL,
  PRIMARY KEY (chain_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Messages someone must get because a ticket changed, written in the same transaction as the change;
-- the gateway delivers them. delivery_id is what a receiver de-duplicates on.
CREATE TABLE outbox (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  delivery_id     VARCHAR(64)   NOT NULL,
  created_at      DATETIME(3)   NOT NULL,
  ticket_no       BIGINT        NULL,
  event_type      VARCHAR(32)   NOT NULL,
  audience        VARCHAR(16)   NOT NULL,
  target          VARCHAR(128)  NOT NULL,
  channel         VARCHAR(8)    NULL,
  text            VARCHAR(4000) NOT NULL,
  status          VARCHAR(10)   NOT NULL,
  attempts        INT           NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(3)   NOT NULL,
  last_error      VARCHAR(1000) NULL,
  PRIMARY KEY (id),
  CONSTRAINT outbox_delivery UNIQUE (delivery_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX outbox_pending ON outbox (status, next_attempt_at);
