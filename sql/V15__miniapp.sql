-- The mini-program (issue 12): its users, the photos they upload, what a report from the phone adds to its
-- ticket. Same dialect rules as V1: runs on MariaDB/MySQL and on H2 in MySQL mode; instants are DATETIME(3) UTC.

-- A WeChat user of the mini-program is a person (a villager: tickets name people) found by openid. The openid
-- compares exactly (binary collation as V11 does for chat ids). The phone, bound through getPhoneNumber, is kept
-- only as ciphertext ("v1.<keyId>.<base64 nonce+ciphertext+tag>", sealed to the person): phone_sealed.
-- session_key is never stored here nor anywhere else: the API needs none of WeChat's encrypted-data calls.
CREATE TABLE miniapp_user (
  person_id     BIGINT        NOT NULL,
  openid        VARCHAR(64)   NOT NULL,
  village_code  VARCHAR(12)   NULL,
  phone_sealed  VARCHAR(512)  NULL,
  phone_key_id  VARCHAR(16)   NULL,
  created_at    DATETIME(3)   NOT NULL,
  updated_at    DATETIME(3)   NOT NULL,
  PRIMARY KEY (person_id),
  CONSTRAINT miniapp_user_openid UNIQUE (openid),
  CONSTRAINT miniapp_user_person FOREIGN KEY (person_id) REFERENCES person (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 ALTER TABLE miniapp_user MODIFY openid VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL */;
/*!100202 ALTER TABLE miniapp_user MODIFY openid VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL */;

-- Cleaned images (every metadata stripped by re-encoding the pixels), in the database rather than a data folder:
-- several instances share one MySQL and no disk, a report and its photos commit in one transaction, and backups
-- take both together. Five megabytes at most each (MEDIUMBLOB holds 16). Owned by who uploaded it until a report
-- (or a disclosure) takes it; sha256 is of the stored bytes.
CREATE TABLE media (
  id            VARCHAR(32)   NOT NULL,
  owner_id      BIGINT        NOT NULL,
  content_type  VARCHAR(16)   NOT NULL,
  byte_size     INT           NOT NULL,
  width         INT           NOT NULL,
  height        INT           NOT NULL,
  sha256        CHAR(64)      NOT NULL,
  bytes         MEDIUMBLOB    NOT NULL,
  created_at    DATETIME(3)   NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX media_owner ON media (owner_id, created_at);

-- The photos of a ticket, in the reporter's order; a medium belongs to at most one ticket.
CREATE TABLE ticket_media (
  ticket_no     BIGINT        NOT NULL,
  seq           INT           NOT NULL,
  media_id      VARCHAR(32)   NOT NULL,
  PRIMARY KEY (ticket_no, seq),
  CONSTRAINT ticket_media_once UNIQUE (media_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A report from the phone: its reporter (for "my reports"), and whether they accepted subscribe messages.
CREATE TABLE miniapp_report (
  ticket_no     BIGINT        NOT NULL,
  person_id     BIGINT        NOT NULL,
  subscribed    BOOLEAN       NOT NULL,
  created_at    DATETIME(3)   NOT NULL,
  PRIMARY KEY (ticket_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX miniapp_report_person ON miniapp_report (person_id, ticket_no);

-- Urging from the phone: at most once a (Shanghai) day per ticket and user; the key refuses a second one.
CREATE TABLE miniapp_urge (
  ticket_no     BIGINT        NOT NULL,
  person_id     BIGINT        NOT NULL,
  urged_on      DATE          NOT NULL,
  created_at    DATETIME(3)   NOT NULL,
  PRIMARY KEY (ticket_no, person_id, urged_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A report's words are shown to others (a village digest) only after WeChat's content check passed them
-- (msgSecCheck v2): verdict pass | review | risky | pending (WeChat unreachable: held back, checked again).
-- A ticket without a row here came from a chat group, where its words were already said in front of everyone.
CREATE TABLE content_check (
  ticket_no     BIGINT        NOT NULL,
  verdict       VARCHAR(8)    NOT NULL,
  checked_at    DATETIME(3)   NULL,
  attempts      INT           NOT NULL,
  created_at    DATETIME(3)   NOT NULL,
  PRIMARY KEY (ticket_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX content_check_verdict ON content_check (verdict, created_at);
