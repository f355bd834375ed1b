-- WeCom channels. Same dialect rules as V1: runs on MariaDB/MySQL and on H2 in MySQL mode.

-- How far the message archive (会话内容存档) has been read, per corp: the archive hands out messages
-- by an ever-growing seq, and a pull asks for what comes after this one. Advanced in the same
-- transaction that stores the pulled messages in the inbox, so a crash re-reads rather than skips.
CREATE TABLE wecom_archive_cursor (
  corp_id    VARCHAR(64)  NOT NULL,
  last_seq   BIGINT       NOT NULL,
  updated_at DATETIME(3)  NOT NULL,
  PRIMARY KEY (corp_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The intelligent robot answers an @-mention through the response_url that came with it: usable
-- once, for an hour. Kept with the message; response_used_at marks it spent.
ALTER TABLE inbox_message ADD COLUMN response_url VARCHAR(1000) NULL;
ALTER TABLE inbox_message ADD COLUMN response_used_at DATETIME(3) NULL;

CREATE INDEX inbox_channel_group ON inbox_message (channel, group_id, id);
