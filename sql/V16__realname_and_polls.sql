-- Real-name reports (实名举报) and polls (民意调查). Same dialect rules as V1: runs on MariaDB/MySQL and on
-- H2 in MySQL mode; instants are DATETIME(3) UTC.

-- The reporter's identity, one row per real-name ticket: each column an AES-256-GCM ciphertext
-- ("v1.<keyId>.<base64 nonce+ciphertext+tag>") bound to its ticket and field (IdentityCipher). key_id is
-- the key every column of the row is sealed under, so a rotation finds what is left to re-encrypt by index.
CREATE TABLE reporter_identity (
  ticket_no     BIGINT        NOT NULL,
  key_id        VARCHAR(16)   NOT NULL,
  name_sealed   VARCHAR(512)  NOT NULL,
  phone_sealed  VARCHAR(512)  NOT NULL,
  id_no_sealed  VARCHAR(512)  NULL,
  sealed_at     DATETIME(3)   NOT NULL,
  PRIMARY KEY (ticket_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX reporter_identity_key ON reporter_identity (key_id, ticket_no);

-- What a real-name report is besides its ticket: the route the conflict shield chose and why, the receipt
-- given to the reporter, the acknowledgement (受理). Read by its office and by its reporter only.
CREATE TABLE realname_report (
  ticket_no        BIGINT        NOT NULL,
  reporter_id      BIGINT        NOT NULL,
  office_code      VARCHAR(12)   NOT NULL,
  route_reason     VARCHAR(400)  NOT NULL,
  receipt          VARCHAR(32)   NOT NULL,
  submitted_at     DATETIME(3)   NOT NULL,
  PRIMARY KEY (ticket_no),
  CONSTRAINT realname_receipt UNIQUE (receipt)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX realname_reporter ON realname_report (reporter_id, ticket_no);

-- The people a real-name report accuses: chosen from the registry (person_id) or written (name, position).
CREATE TABLE realname_accused (
  ticket_no   BIGINT        NOT NULL,
  seq         INT           NOT NULL,
  person_id   BIGINT        NULL,
  name        VARCHAR(100)  NOT NULL,
  position    VARCHAR(100)  NULL,
  counted_as  VARCHAR(40)   NOT NULL,
  PRIMARY KEY (ticket_no, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Polls: a question for the villagers of one scope (a village, town or county code), open between two instants.
CREATE TABLE poll (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  question        VARCHAR(500)  NOT NULL,
  choice_kind     VARCHAR(8)    NOT NULL,
  comment_allowed BOOLEAN       NOT NULL,
  scope_code      VARCHAR(12)   NOT NULL,
  opens_at        DATETIME(3)   NOT NULL,
  closes_at       DATETIME(3)   NOT NULL,
  results_shown   VARCHAR(16)   NOT NULL,
  created_by      BIGINT        NOT NULL,
  created_at      DATETIME(3)   NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX poll_scope ON poll (scope_code, closes_at);

CREATE TABLE poll_option (
  poll_id   BIGINT        NOT NULL,
  seq       INT           NOT NULL,
  label     VARCHAR(200)  NOT NULL,
  PRIMARY KEY (poll_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One vote per user and poll (the primary key); choices as the option numbers, "1,3".
-- comment_check: pass | review | risky | pending (not yet checked): only pass is shown to others.
CREATE TABLE poll_vote (
  poll_id        BIGINT        NOT NULL,
  voter_id       BIGINT        NOT NULL,
  village_code   VARCHAR(12)   NOT NULL,
  choices        VARCHAR(200)  NOT NULL,
  vote_comment   VARCHAR(1000) NULL,
  comment_check  VARCHAR(8)    NULL,
  voted_at       DATETIME(3)   NOT NULL,
  PRIMARY KEY (poll_id, voter_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX poll_vote_village ON poll_vote (poll_id, village_code);
