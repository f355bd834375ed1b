-- Poll comments the content check left for an officer (comment_check = 'review'), read by the patrol queue
-- newest first (HeldContentMapper); an officer's verdict turns them 'released' or 'refused'.
CREATE INDEX poll_vote_check ON poll_vote (comment_check, voted_at);
