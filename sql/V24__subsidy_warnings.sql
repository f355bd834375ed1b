-- The two subsidy warnings as issue 13 states them: "the same subsidy to one person twice in a period" over the
-- county's ready and published versions, and "a subsidy to a cadre's registered relative" by ID number hash.
-- Same dialect rules as V1 (MariaDB and H2 in MySQL mode).

-- The period of subsidy_twice (MONTH | QUARTER | HALF_YEAR | YEAR, calendar; NULL = YEAR) and the colour of a
-- match by name alone (relative_subsidy: a line without an ID number; NULL = the rule's colour).
ALTER TABLE disclosure_rule_setting ADD COLUMN period VARCHAR(10) NULL;
ALTER TABLE disclosure_rule_setting ADD COLUMN name_match_colour VARCHAR(8) NULL;
UPDATE disclosure_rule_setting SET period = 'YEAR', window_days = NULL WHERE county_code = '' AND rule_name = 'SUBSIDY_TWICE';
UPDATE disclosure_rule_setting SET name_match_colour = 'ORANGE' WHERE county_code = '' AND rule_name = 'RELATIVE_SUBSIDY';

-- A kind's own period, where it is paid more often than the rule's period (county '' = default; a county's row
-- for the kind wins). Kinds paid monthly would otherwise be "twice" every month of the year.
CREATE TABLE disclosure_subsidy_period (
  county_code VARCHAR(6)   NOT NULL,
  kind        VARCHAR(100) NOT NULL,
  period      VARCHAR(10)  NOT NULL,
  PRIMARY KEY (county_code, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO disclosure_subsidy_period (county_code, kind, period) VALUES
 ('', '高龄补贴', 'MONTH'),
 ('', '高龄津贴', 'MONTH'),
 ('', '低保金', 'MONTH'),
 ('', '最低生活保障金', 'MONTH'),
 ('', '特困人员供养金', 'MONTH'),
 ('', '残疾人两项补贴', 'MONTH'),
 ('', '孤儿基本生活费', 'MONTH');

-- Every subsidy line of every version, so the rule reads a period of the county without parsing lines_json.
-- id_number_hash: as cadre_relative's (lower-case hex SHA-256 of the upper-cased 18-character number), or NULL.
CREATE TABLE disclosure_subsidy (
  id               BIGINT       NOT NULL AUTO_INCREMENT,
  disclosure_id    BIGINT       NOT NULL,
  county_code      VARCHAR(6)   NOT NULL,
  village_code     VARCHAR(12)  NOT NULL,
  disclosure_month CHAR(7)      NOT NULL,
  line_no          INT          NOT NULL,
  recipient        VARCHAR(200) NOT NULL,
  kind             VARCHAR(200) NOT NULL,
  amount_cents     BIGINT       NOT NULL,
  id_number_hash   CHAR(64)     NULL,
  PRIMARY KEY (id),
  CONSTRAINT disclosure_subsidy_line UNIQUE (disclosure_id, line_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX disclosure_subsidy_id_number ON disclosure_subsidy (id_number_hash, disclosure_month);
CREATE INDEX disclosure_subsidy_name ON disclosure_subsidy (village_code, recipient, disclosure_month);
CREATE INDEX cadre_relative_id_number ON cadre_relative (id_number_hash);

-- Versions stored before this migration have their subsidy lines only in lines_json: the first upload of the
-- county after it copies them into disclosure_subsidy (SubsidyIndex.catchUp) and sets the flag.
ALTER TABLE disclosure ADD COLUMN subsidies_indexed BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX disclosure_subsidies_unindexed ON disclosure (subsidies_indexed, county_code);
