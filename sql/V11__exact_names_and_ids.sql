-- Names and ids compare exactly as stored (issue 10): under the tables' utf8mb4_unicode_ci, 'tówn2-officer',
-- 'town2-officer ', a full-width 'ｔ' and 'CADRE-1 ' were the same account or sender as their plain spelling.
-- The edges (import, login, every channel) now keep one form of each (LoginName, Spelling); the database must
-- then compare that form exactly, with a binary collation rather than a second normalised key column, since the
-- normalising is done once in Java and a key column could drift from the value it shadows.
-- MariaDB's and MySQL's utf8mb4_bin still pads trailing spaces ('a' = 'a '), so MariaDB (the CI backend) gets
-- utf8mb4_nopad_bin in a comment for servers of version 10.2.2 and later, i.e. MariaDB (Flyway sends only /*!digits
-- comments; MariaDB's own /*M! would be dropped as a comment). MySQL keeps utf8mb4_bin, where only a trailing space
-- could differ and no edge lets one in; it skips the six-digit comment from 8.0.34 on (older MySQL reads five
-- digits and would fail here). V7's message_id gets the same: 'm-1 ' was stored as a duplicate of 'm-1'.
-- H2, the embedded default, compares exactly already and reads these comments as comments.
/*!40101 ALTER TABLE person
  MODIFY username VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  MODIFY channel_user_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL */;
/*!40101 ALTER TABLE chat_group MODIFY group_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL */;
/*!40101 ALTER TABLE inbox_message
  MODIFY group_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY sender_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL */;
/*!100202 ALTER TABLE person
  MODIFY username VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL,
  MODIFY channel_user_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL */;
/*!100202 ALTER TABLE chat_group MODIFY group_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL */;
/*!100202 ALTER TABLE inbox_message
  MODIFY message_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  MODIFY group_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  MODIFY sender_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL */;
