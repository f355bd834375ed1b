-- A delivery request to a village's villagers' groups may be a broadcast (the monthly disclosure, a digest):
-- then external WeCom groups receive it as an owner-confirmed group-send within the month's budget,
-- instead of a cadre relaying it. NULL for everything else (replies and notices about tickets).
ALTER TABLE outbox ADD COLUMN broadcast VARCHAR(16) NULL;
