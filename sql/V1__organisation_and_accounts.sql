-- Organisation tree, chat groups and people (accounts are people with a username).
-- The same file runs on MariaDB/MySQL and on H2 in MySQL mode: keep to the common dialect.
-- Instants are stored as DATETIME(3) in UTC (see InstantUtcTypeHandler).
-- Names are checked at 100 characters (code points) by the importers; the columns hold 200 because
-- H2 counts UTF-16 units and an emoji is two of them.

CREATE TABLE region (
  code        VARCHAR(12)  NOT NULL,
  name        VARCHAR(200) NOT NULL,
  level       VARCHAR(8)   NOT NULL,
  parent_code VARCHAR(12)  NULL,
  created_at  DATETIME(3)  NOT NULL,
  updated_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX region_parent ON region (parent_code);

CREATE TABLE chat_group (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  channel      VARCHAR(8)   NOT NULL,
  group_id     VARCHAR(128) NOT NULL,
  village_code VARCHAR(12)  NULL,
  name         VARCHAR(200) NOT NULL,
  created_at   DATETIME(3)  NOT NULL,
  updated_at   DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT chat_group_channel_group UNIQUE (channel, group_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX chat_group_village ON chat_group (village_code);

CREATE TABLE person (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  name            VARCHAR(200) NOT NULL,
  role            VARCHAR(24)  NOT NULL,
  scope_code      VARCHAR(12)  NULL,
  channel         VARCHAR(8)   NULL,
  channel_user_id VARCHAR(128) NULL,
  username        VARCHAR(64)  NULL,
  password_hash   VARCHAR(255) NULL,
  created_at      DATETIME(3)  NOT NULL,
  updated_at      DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT person_username UNIQUE (username),
  CONSTRAINT person_channel_user UNIQUE (channel, channel_user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX person_scope ON person (scope_code, role);
