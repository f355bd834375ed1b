-- Holiday notices loaded by an administrator (POST /api/v1/admin/holidays/{year}, `jianqun holidays load`),
-- in holiday-cn's JSON as given. Every instance reads this table at start-up and every 30 s, so an upload
-- reaches them all without a restart; a year here replaces the shipped file and JIANQUN_HOLIDAY_DIR's.
-- Same dialect rules as V1: runs on MariaDB/MySQL and on H2 in MySQL mode; instants are DATETIME(3) UTC.
-- (notice_year, not `year`: YEAR is a reserved word in H2.)
CREATE TABLE holiday_year (
  notice_year INT           NOT NULL,
  notice      TEXT          NOT NULL,
  days        INT           NOT NULL,
  loaded_at   DATETIME(3)   NOT NULL,
  loaded_by   VARCHAR(200)  NOT NULL,
  version     INT           NOT NULL DEFAULT 1,
  PRIMARY KEY (notice_year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Loading a year recomputes the live tickets' deadlines: they are read by state, in number order.
CREATE INDEX ticket_state_no ON ticket (state, no);
