-- What a group is for, so notices find their readers (issue #4: the level above, discipline officers).
-- village_code keeps its name (groups.csv's column) but now holds the region the group serves:
--   VILLAGERS  a village's supervision group: villagers and their cadres (the only kind that takes #反映);
--   OFFICERS   a work group of a region's cadres or officers: LEVEL notices for that region go here;
--   DISCIPLINE a town's, county's or city's discipline officers: red warnings go here.
-- robot_key is the key of a WeCom group robot (群机器人) added to an internal group, so the platform can
-- speak there unasked; it is a credential of that robot only, never logged.
ALTER TABLE chat_group ADD COLUMN purpose VARCHAR(12) NOT NULL DEFAULT 'VILLAGERS';
ALTER TABLE chat_group ADD COLUMN robot_key VARCHAR(128) NULL;

CREATE INDEX chat_group_region_purpose ON chat_group (village_code, purpose);
