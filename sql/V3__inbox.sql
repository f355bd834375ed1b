-- Every group message the platform receives, stored once (unique by channel + message id) before the
-- channel is answered, then processed. status: RECEIVED -> PROCESSED | UNKNOWN_GROUP | FAILED.
CREATE TABLE inbox_message (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  channel           VARCHAR(8)    NOT NULL,
  message_id        VARCHAR(128)  NOT NULL,
  group_id          VARCHAR(128)  NOT NULL,
  sender_id         VARCHAR(128)  NOT NULL,
  sender_name       VARCHAR(200)  NULL,
  kind              VARCHAR(8)    NOT NULL,
  text              TEXT          NULL,
  voice_url         VARCHAR(1000) NULL,
  voice_seconds     INT           NULL,
  transcript        TEXT          NULL,
  quoted_message_id VARCHAR(128)  NULL,
  mentions_bot      BOOLEAN       NOT NULL DEFAULT FALSE,
  sent_at           DATETIME(3)   NOT NULL,
  received_at       DATETIME(3)   NOT NULL,
  status            VARCHAR(16)   NOT NULL,
  processed_at      DATETIME(3)   NULL,
  village_code      VARCHAR(12)   NULL,
  flagged           BOOLEAN       NOT NULL DEFAULT FALSE,
  flag_words        VARCHAR(200)  NULL,
  ticket_no         BIGINT        NULL,
  outcome           VARCHAR(1000) NULL,
  PRIMARY KEY (id),
  CONSTRAINT inbox_channel_message UNIQUE (channel, message_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX inbox_status ON inbox_message (status, id);
CREATE INDEX inbox_village_flagged ON inbox_message (village_code, flagged, id);
