-- Ticket categories (issue 14 item 1) and the statistics read model (item 4).
-- Same dialect rules as V1: runs on MariaDB/MySQL and on H2 in MySQL mode.

-- The categories, kept as data: the desk accepts only a name listed here (分类 #n 类别, the console),
-- the guesser's words per category ship with the code (categories/words.txt), position orders lists.
CREATE TABLE ticket_category (
  name      VARCHAR(8)  NOT NULL,
  position  INT         NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO ticket_category (name, position) VALUES
  ('基础设施', 1), ('环境卫生', 2), ('惠民政策', 3), ('三资管理', 4), ('干部作风', 5), ('邻里纠纷', 6), ('其他', 7);

-- Every ticket has a category. Existing tickets get a guess in SQL from a few telling words (the same
-- families the guesser reads, checked in this order), else 其他; a cadre corrects it with 分类.
ALTER TABLE ticket ADD COLUMN category VARCHAR(8) NOT NULL DEFAULT '其他';
UPDATE ticket SET category = '三资管理' WHERE content LIKE '%账目%' OR content LIKE '%集体资金%' OR content LIKE '%集体土地%'
  OR content LIKE '%村财%' OR content LIKE '%租金%' OR content LIKE '%承包%';
UPDATE ticket SET category = '惠民政策' WHERE category = '其他' AND (content LIKE '%低保%' OR content LIKE '%补贴%'
  OR content LIKE '%补助%' OR content LIKE '%救助%' OR content LIKE '%医保%' OR content LIKE '%养老金%');
UPDATE ticket SET category = '干部作风' WHERE category = '其他' AND (content LIKE '%优亲厚友%' OR content LIKE '%吃拿卡要%'
  OR content LIKE '%态度%' OR content LIKE '%不作为%' OR content LIKE '%推诿%');
UPDATE ticket SET category = '基础设施' WHERE category = '其他' AND (content LIKE '%路灯%' OR content LIKE '%道路%'
  OR content LIKE '%修路%' OR content LIKE '%自来水%' OR content LIKE '%停水%' OR content LIKE '%停电%' OR content LIKE '%桥%');
UPDATE ticket SET category = '环境卫生' WHERE category = '其他' AND (content LIKE '%垃圾%' OR content LIKE '%污水%'
  OR content LIKE '%臭%' OR content LIKE '%厕所%' OR content LIKE '%卫生%');
UPDATE ticket SET category = '邻里纠纷' WHERE category = '其他' AND (content LIKE '%邻居%' OR content LIKE '%纠纷%'
  OR content LIKE '%宅基地%' OR content LIKE '%吵架%');

-- The statistics read model, kept off the ticket table: one row of counters per village, registration day,
-- category, current level and confidentiality (office '' = ordinary, else the office a report is routed to).
-- Each counter is what the tickets of that key contribute now; the desk applies a ticket's change of
-- contribution in the same transaction as the ticket's own write (TicketTally), so the sums are never stale.
CREATE TABLE ticket_tally (
  village_code VARCHAR(12) NOT NULL,
  reg_day      DATE        NOT NULL,
  category     VARCHAR(8)  NOT NULL,
  level        VARCHAR(8)  NOT NULL,
  office       VARCHAR(12) NOT NULL,
  registered   INT NOT NULL DEFAULT 0,
  merged       INT NOT NULL DEFAULT 0,
  resolved     INT NOT NULL DEFAULT 0,
  within_five  INT NOT NULL DEFAULT 0,
  close_days   INT NOT NULL DEFAULT 0,
  overdue      INT NOT NULL DEFAULT 0,
  to_town      INT NOT NULL DEFAULT 0,
  to_county    INT NOT NULL DEFAULT 0,
  to_city      INT NOT NULL DEFAULT 0,
  satisfied    INT NOT NULL DEFAULT 0,
  basically    INT NOT NULL DEFAULT 0,
  unsatisfied  INT NOT NULL DEFAULT 0,
  unrated      INT NOT NULL DEFAULT 0,
  urged        INT NOT NULL DEFAULT 0,
  urges        INT NOT NULL DEFAULT 0,
  reopened     INT NOT NULL DEFAULT 0,
  warned       INT NOT NULL DEFAULT 0,
  PRIMARY KEY (reg_day, village_code, category, level, office)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Clustered by day: a period over a wide scope (a province's year) is one contiguous range of rows, no
-- lookups; a narrow scope over a long period (a village's three years) reads by village first.
CREATE INDEX ticket_tally_village ON ticket_tally (village_code, reg_day);

-- A ticket's content words (HanLP-segmented at registration), for the common problems across villages:
-- read by period and scope without touching the ticket table's long texts.
CREATE TABLE ticket_words (
  ticket_no    BIGINT       NOT NULL,
  village_code VARCHAR(12)  NOT NULL,
  reg_day      DATE         NOT NULL,
  category     VARCHAR(8)   NOT NULL,
  office       VARCHAR(12)  NOT NULL,
  words        VARCHAR(600) NOT NULL,
  PRIMARY KEY (ticket_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ticket_words_day ON ticket_words (reg_day, village_code);

-- Whether the read model was built from the tickets that existed before it (StatisticsBackfill, once).
CREATE TABLE statistics_backfill (
  name     VARCHAR(20)  NOT NULL,
  done_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
