-- Outbox claims name the dispatcher instance that holds them, and each instance beats here while it lives:
-- a row held by an instance that stopped beating (killed with -9, its machine gone) is taken over at once
-- instead of after its 60 s lease. Same dialect rules as V1: MariaDB/MySQL and H2 in MySQL mode.
ALTER TABLE outbox ADD COLUMN claimed_by VARCHAR(36) NULL;

CREATE TABLE outbox_dispatcher (
  instance_id VARCHAR(36)  NOT NULL,
  beat_at     DATETIME(3)  NOT NULL,
  PRIMARY KEY (instance_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
