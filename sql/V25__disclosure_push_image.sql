-- The monthly disclosure's push carries its rendered image (disclosure.details_png), by reference: a row names
-- the version, never holds the bytes, and the image is read when it is sent. Same dialect rules as V1:
-- MariaDB/MySQL and H2 in MySQL mode.
-- outbox.disclosure_image: FOLLOWS (the row is the version's markdown: each group's image goes on after it as a
-- delivery of its own) or ITSELF (the row is that image); NULL with disclosure_id NULL for everything else.
ALTER TABLE outbox ADD COLUMN disclosure_id BIGINT NULL;
ALTER TABLE outbox ADD COLUMN disclosure_image VARCHAR(8) NULL;

-- A group-send of a disclosure attaches the version's mini-program card (its image as the cover); note says why
-- one went as text alone (no appid configured, no image rendered), shown with the task.
ALTER TABLE wecom_group_send ADD COLUMN disclosure_id BIGINT NULL;
ALTER TABLE wecom_group_send ADD COLUMN note VARCHAR(200) NULL;
