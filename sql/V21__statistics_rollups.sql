-- Statistics at province scale (issue 14): monthly roll-ups beside the daily tally, common problems kept
-- per region and month, and the index the clue part of the 勤廉指数 reads.
-- Same dialect rules as V1: runs on MariaDB/MySQL and on H2 in MySQL mode.

-- The daily tally has about one row per ticket at province scale (its key is nearly unique when a village
-- has a few tickets a month), so a province's year read ~660,000 rows. These two sum the same contributions
-- coarser, in the same transactions (TicketTally.apply): a whole month reads them, a partial month's days
-- the daily tally. reg_month is 'YYYY-MM', the month grouping's own key.

-- Village × month × confidentiality: tables by village, town and month (~180,000 rows a province-year).
CREATE TABLE ticket_tally_month (
  reg_month    CHAR(7)     NOT NULL,
  village_code VARCHAR(12) NOT NULL,
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
  PRIMARY KEY (reg_month, village_code, office)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- County × month × category × level × confidentiality: tables by category and level, and every table's top
-- categories, for a county or wider (~25,000 rows a province-year); a town or a village reads the daily tally
-- by its village index, a few thousand rows at most.
CREATE TABLE ticket_tally_county_month (
  reg_month    CHAR(7)     NOT NULL,
  county_code  VARCHAR(6)  NOT NULL,
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
  PRIMARY KEY (reg_month, county_code, category, level, office)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The roll-ups of the tickets counted so far: sums of the daily rows (a deployment without the v17
-- backfill has no rows yet, and StatisticsBackfill fills all three together).
INSERT INTO ticket_tally_month (reg_month, village_code, office, registered, merged, resolved, within_five, close_days, overdue,
  to_town, to_county, to_city, satisfied, basically, unsatisfied, unrated, urged, urges, reopened, warned)
SELECT CONCAT(EXTRACT(YEAR FROM reg_day), '-', LPAD(EXTRACT(MONTH FROM reg_day), 2, '0')), village_code, office,
  SUM(registered), SUM(merged), SUM(resolved), SUM(within_five), SUM(close_days), SUM(overdue), SUM(to_town), SUM(to_county),
  SUM(to_city), SUM(satisfied), SUM(basically), SUM(unsatisfied), SUM(unrated), SUM(urged), SUM(urges), SUM(reopened), SUM(warned)
FROM ticket_tally
GROUP BY CONCAT(EXTRACT(YEAR FROM reg_day), '-', LPAD(EXTRACT(MONTH FROM reg_day), 2, '0')), village_code, office;

INSERT INTO ticket_tally_county_month (reg_month, county_code, category, level, office, registered, merged, resolved, within_five,
  close_days, overdue, to_town, to_county, to_city, satisfied, basically, unsatisfied, unrated, urged, urges, reopened, warned)
SELECT CONCAT(EXTRACT(YEAR FROM reg_day), '-', LPAD(EXTRACT(MONTH FROM reg_day), 2, '0')), SUBSTRING(village_code, 1, 6), category,
  level, office, SUM(registered), SUM(merged), SUM(resolved), SUM(within_five), SUM(close_days), SUM(overdue), SUM(to_town),
  SUM(to_county), SUM(to_city), SUM(satisfied), SUM(basically), SUM(unsatisfied), SUM(unrated), SUM(urged), SUM(urges),
  SUM(reopened), SUM(warned)
FROM ticket_tally
GROUP BY CONCAT(EXTRACT(YEAR FROM reg_day), '-', LPAD(EXTRACT(MONTH FROM reg_day), 2, '0')), SUBSTRING(village_code, 1, 6), category,
  level, office;

-- Common problems (共性问题) of each town, county, city and province and month, as the job last found them
-- (CommonProblemsJob): a request reads these rows, never compares complaints. Ordinary tickets only.
CREATE TABLE common_problem (
  scope_code    VARCHAR(12)   NOT NULL,
  reg_month     CHAR(7)       NOT NULL,
  position      INT           NOT NULL,
  category      VARCHAR(8)    NOT NULL,
  words         VARCHAR(600)  NOT NULL,
  first_words   VARCHAR(600)  NOT NULL,
  village_codes TEXT          NOT NULL,
  ticket_nos    TEXT          NOT NULL,
  tickets       INT           NOT NULL,
  PRIMARY KEY (scope_code, reg_month, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The county-months whose complaints changed since the job last looked: a registration marks its own in its
-- transaction; the job recomputes the county's towns, the county, its city and the province for that month.
CREATE TABLE common_problem_stale (
  reg_month   CHAR(7)     NOT NULL,
  county_code VARCHAR(6)  NOT NULL,
  marked      BIGINT      NOT NULL,
  PRIMARY KEY (reg_month, county_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO common_problem_stale (reg_month, county_code, marked)
SELECT DISTINCT CONCAT(EXTRACT(YEAR FROM reg_day), '-', LPAD(EXTRACT(MONTH FROM reg_day), 2, '0')), SUBSTRING(village_code, 1, 6), 1
FROM ticket_words;

-- The job reads one region's month of words by its villages (the day index scans the whole province's month).
CREATE INDEX ticket_words_village ON ticket_words (village_code, reg_day);

-- The clue part of the 勤廉指数 counts a scope's clues by village and creation time.
CREATE INDEX clue_village ON clue (village_code, created_at);
