-- The head of each audit chain is sealed: seal = HMAC-SHA256 under JIANQUN_AUDIT_KEY (held by the
-- process, never here) over chain, seq and hash. A head rewritten without the key does not verify.
-- NULL only for heads written before this migration, until the first start with the key seals them.
ALTER TABLE audit_head ADD COLUMN seal CHAR(64) NULL;

-- Which chain heads the daily witness has taken: one row per day and chain, written in the same
-- transaction as the witness's messages to the discipline groups, so two instances never both post.
-- Not trusted by verification (a database writer could change it): the signed files and the posts are.
CREATE TABLE audit_witness (
  witness_day  DATE        NOT NULL,
  chain_key    VARCHAR(12) NOT NULL,
  seq          BIGINT      NOT NULL,
  hash         CHAR(64)    NOT NULL,
  witnessed_at DATETIME(3) NOT NULL,
  PRIMARY KEY (witness_day, chain_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
