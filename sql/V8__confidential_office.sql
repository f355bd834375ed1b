-- A confidential (real-name) ticket exists only for the discipline office it is routed to (AccessPolicy):
-- confidential_office is that office's region code (town 9, county 6 or city 4 digits); NULL for every
-- ordinary ticket. confidential stays as the flag readers filter on and is TRUE exactly when an office is set.
-- Same dialect rules as V1: runs on MariaDB/MySQL and on H2 in MySQL mode.
ALTER TABLE ticket ADD COLUMN confidential_office VARCHAR(12) NULL;

-- No code path set confidential before this migration; a row flagged by hand goes to its town's office,
-- the route DESIGN.md gives a real-name report that accuses nobody above the village.
UPDATE ticket SET confidential_office = SUBSTRING(village_code, 1, 9) WHERE confidential = TRUE AND confidential_office IS NULL;

-- The console's list of an office reads its confidential tickets by index.
CREATE INDEX ticket_confidential_office ON ticket (confidential_office, no);
