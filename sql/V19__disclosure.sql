-- The monthly disclosure (三务公开): catalogue, uploads and their versions, invoices under review,
-- smart warnings and the rules' per-county settings. Same dialect rules as V1 (MariaDB and H2 in MySQL mode).

-- Catalogue items; county_code '' is the platform's default, a county's own rows replace it whole.
CREATE TABLE disclosure_catalogue_item (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  county_code VARCHAR(6)   NOT NULL,
  position    INT          NOT NULL,
  category    VARCHAR(8)   NOT NULL,
  name        VARCHAR(200) NOT NULL,
  cadence     VARCHAR(16)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT disclosure_catalogue_position UNIQUE (county_code, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO disclosure_catalogue_item (county_code, position, category, name, cadence) VALUES
 ('', 1, 'PARTY', '党组织换届选举及组成人员', 'ON_OCCURRENCE'),
 ('', 2, 'PARTY', '发展党员情况', 'ON_OCCURRENCE'),
 ('', 3, 'PARTY', '党费收缴使用情况', 'QUARTERLY'),
 ('', 4, 'PARTY', '党员教育管理和组织生活', 'QUARTERLY'),
 ('', 5, 'VILLAGE', '村级重大事项决策（四议两公开）', 'ON_OCCURRENCE'),
 ('', 6, 'VILLAGE', '工程建设项目进展', 'MONTHLY'),
 ('', 7, 'VILLAGE', '惠农补贴、低保、救助等涉民利益事项', 'MONTHLY'),
 ('', 8, 'VILLAGE', '集体资产资源发包租赁', 'ON_OCCURRENCE'),
 ('', 9, 'VILLAGE', '宅基地审批', 'QUARTERLY'),
 ('', 10, 'FINANCE', '村级财务收支明细', 'MONTHLY'),
 ('', 11, 'FINANCE', '报销发票（经驻村干部审核签字）', 'MONTHLY'),
 ('', 12, 'FINANCE', '上级补助资金使用', 'QUARTERLY'),
 ('', 13, 'FINANCE', '村级债权债务', 'QUARTERLY');

-- The smart warnings' knobs, per county ('' = default): a county changes a threshold here, without a release.
CREATE TABLE disclosure_rule_setting (
  county_code     VARCHAR(6)  NOT NULL,
  rule_name       VARCHAR(32) NOT NULL,
  enabled         BOOLEAN     NOT NULL,
  colour          VARCHAR(8)  NOT NULL,
  threshold_cents BIGINT      NULL,
  window_days     INT         NULL,
  PRIMARY KEY (county_code, rule_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO disclosure_rule_setting (county_code, rule_name, enabled, colour, threshold_cents, window_days) VALUES
 ('', 'DUPLICATE_INVOICE', TRUE, 'RED', NULL, NULL),
 ('', 'SPLIT_PAYMENTS', TRUE, 'ORANGE', 500000, 30),
 ('', 'CASH_PAYMENT', TRUE, 'YELLOW', NULL, NULL),
 ('', 'NO_INVOICE', TRUE, 'ORANGE', NULL, NULL),
 ('', 'SUBSIDY_TWICE', TRUE, 'ORANGE', NULL, 365),
 ('', 'RELATIVE_SUBSIDY', TRUE, 'RED', NULL, NULL);

-- One version of one village's month (disclosure_month, yyyy-MM: MONTH is a keyword of H2). status: SUBMITTED -> READY | REJECTED (back to the bookkeeper) -> PUBLISHED.
-- lines_json holds the finance lines, projects and people's-interest items as uploaded (invoices have their own rows).
CREATE TABLE disclosure (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  village_code      VARCHAR(12)   NOT NULL,
  county_code       VARCHAR(6)    NOT NULL,
  disclosure_month  CHAR(7)       NOT NULL,
  version           INT           NOT NULL,
  status            VARCHAR(10)   NOT NULL,
  correction_reason VARCHAR(1000) NULL,
  content_hash      CHAR(64)      NOT NULL,
  lines_json        TEXT          NOT NULL,
  uploaded_by       BIGINT        NOT NULL,
  uploaded_at       DATETIME(3)   NOT NULL,
  ready_at          DATETIME(3)   NULL,
  published_at      DATETIME(3)   NULL,
  summary_md        TEXT          NULL,
  details_png       LONGBLOB      NULL,
  render_problem    VARCHAR(500)  NULL,
  PRIMARY KEY (id),
  CONSTRAINT disclosure_village_month_version UNIQUE (village_code, disclosure_month, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX disclosure_due ON disclosure (status, disclosure_month);
CREATE INDEX disclosure_county_month ON disclosure (county_code, disclosure_month);

-- An invoice of a version, and the resident cadre's signed decision on it.
-- invoice_key: 'c:<code>:<8-digit number>' or 'd:<20-digit number>', what "the same invoice" means county-wide.
CREATE TABLE disclosure_invoice (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  disclosure_id  BIGINT        NOT NULL,
  county_code    VARCHAR(6)    NOT NULL,
  village_code   VARCHAR(12)   NOT NULL,
  line_no        INT           NOT NULL,
  invoice_key    VARCHAR(40)   NOT NULL,
  amount_cents   BIGINT        NOT NULL,
  payee          VARCHAR(200)  NOT NULL,
  paid_on        DATE          NOT NULL,
  payment_method VARCHAR(10)   NOT NULL,
  purpose        VARCHAR(200)  NOT NULL,
  image_jpeg     LONGBLOB      NULL,
  decision       VARCHAR(10)   NULL,
  reason         VARCHAR(500)  NULL,
  reviewed_by    BIGINT        NULL,
  reviewer_name  VARCHAR(200)  NULL,
  reviewed_at    DATETIME(3)   NULL,
  PRIMARY KEY (id),
  CONSTRAINT disclosure_invoice_line UNIQUE (disclosure_id, line_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX disclosure_invoice_key ON disclosure_invoice (county_code, invoice_key);
CREATE INDEX disclosure_invoice_payee ON disclosure_invoice (village_code, payee, paid_on);

-- A smart warning raised at upload: its rule, colour, what it says and the evidence rows (JSON).
CREATE TABLE disclosure_warning (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  disclosure_id BIGINT        NOT NULL,
  village_code  VARCHAR(12)   NOT NULL,
  rule_name     VARCHAR(32)   NOT NULL,
  colour        VARCHAR(8)    NOT NULL,
  message       VARCHAR(500)  NOT NULL,
  evidence_json TEXT          NOT NULL,
  raised_at     DATETIME(3)   NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX disclosure_warning_of ON disclosure_warning (disclosure_id);
CREATE INDEX disclosure_warning_village ON disclosure_warning (village_code, raised_at);

-- A cadre's registered relatives (the `relatives` import): whom a subsidy must not quietly go to.
-- id_number_hash is the lower-case hex SHA-256 of the relative's ID number: the number itself is never stored.
CREATE TABLE cadre_relative (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  person_id      BIGINT       NOT NULL,
  scope_code     VARCHAR(12)  NOT NULL,
  relative_name  VARCHAR(200) NOT NULL,
  id_number_hash CHAR(64)     NOT NULL,
  relation       VARCHAR(40)  NOT NULL,
  created_at     DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT cadre_relative_once UNIQUE (person_id, id_number_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX cadre_relative_name ON cadre_relative (relative_name);
