-- A message id is compared exactly. WeCom's msgids and a bridge's ids are case-sensitive, but under the
-- table's case-insensitive collation 'Msg-A' and 'msg-a' were one key: the second was answered as new
-- (the inbox compares the ids it finds exactly) and then silently ignored by INSERT IGNORE.
-- In a MySQL executable comment: MariaDB and MySQL run it; H2, the embedded default, which compares
-- exactly already and has no per-column collation, reads a comment.
/*!40101 ALTER TABLE inbox_message MODIFY message_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL */;
