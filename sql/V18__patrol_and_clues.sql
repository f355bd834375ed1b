-- The discipline officers' daily patrol (网巡) and their clue library (线索库).
-- Same dialect rules as V1: runs on MariaDB/MySQL and on H2 in MySQL mode.

-- A review is one "marked as read" with its note; its items say what was read. An item (kind + ref) is
-- reviewed once per office (the officer's scope): another officer of the same office sees it gone,
-- an office above still sees it in its own queue.
CREATE TABLE patrol_review (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  office_code   VARCHAR(12)   NOT NULL,
  reviewer_id   BIGINT        NOT NULL,
  reviewer_name VARCHAR(200)  NOT NULL,
  reviewed_at   DATETIME(3)   NOT NULL,
  note          VARCHAR(1000) NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX patrol_review_office ON patrol_review (office_code, id);

CREATE TABLE patrol_review_item (
  office_code VARCHAR(12) NOT NULL,
  kind        VARCHAR(32) NOT NULL,
  ref         VARCHAR(64) NOT NULL,
  review_id   BIGINT      NOT NULL,
  PRIMARY KEY (office_code, kind, ref)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX patrol_review_item_review ON patrol_review_item (review_id);

-- The queue reads the day's steps of a county's tickets from the audit trail (registered, recoloured,
-- reopened by 不满意) through this index: one county chain, one step type, a time range; it covers what the
-- queue filters on and joins by, so the trail's rows themselves are not read.
CREATE INDEX audit_event_patrol ON audit_event (chain_key, type, at, outcome, after_state, ticket_no);

-- A town's new tickets and real-name reports of a time range, with what the queue filters on, by one range
-- (a county's come from the audit index above: its chain is one range, where its villages are a hundred).
CREATE INDEX ticket_patrol_registered ON ticket (village_code, registered_at, confidential, confidential_office);

-- Flagged chat messages by village and time (the gateway answers the queue's port from it).
CREATE INDEX inbox_flagged_village ON inbox_message (flagged, village_code, received_at);

-- A clue belongs to one discipline office (office_code); confidential when it comes from a real-name
-- report, whose office it inherits: then only that office knows it (AccessPolicy.mayKnowClue).
CREATE TABLE clue (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  office_code     VARCHAR(12)   NOT NULL,
  confidential    BOOLEAN       NOT NULL DEFAULT FALSE,
  source_kind     VARCHAR(16)   NOT NULL,
  source_ref      VARCHAR(64)   NULL,
  village_code    VARCHAR(12)   NULL,
  summary         VARCHAR(2000) NOT NULL,
  clue_value      VARCHAR(8)    NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  created_by      BIGINT        NOT NULL,
  created_by_name VARCHAR(200)  NOT NULL,
  created_at      DATETIME(3)   NOT NULL,
  updated_at      DATETIME(3)   NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX clue_office ON clue (office_code, id);

-- Every change of a clue as its page shows it (the audit trail holds the same, tamper-evident).
CREATE TABLE clue_step (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  clue_id     BIGINT        NOT NULL,
  at          DATETIME(3)   NOT NULL,
  actor_id    BIGINT        NOT NULL,
  actor_name  VARCHAR(200)  NOT NULL,
  type        VARCHAR(16)   NOT NULL,
  from_status VARCHAR(16)   NULL,
  to_status   VARCHAR(16)   NULL,
  clue_value  VARCHAR(8)    NULL,
  note        VARCHAR(1000) NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX clue_step_clue ON clue_step (clue_id, id);

-- A link between two clues, stored once with the smaller id first.
CREATE TABLE clue_link (
  clue_low   BIGINT        NOT NULL,
  clue_high  BIGINT        NOT NULL,
  linked_at  DATETIME(3)   NOT NULL,
  linked_by  VARCHAR(300)  NOT NULL,
  note       VARCHAR(1000) NULL,
  PRIMARY KEY (clue_low, clue_high)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX clue_link_high ON clue_link (clue_high);
