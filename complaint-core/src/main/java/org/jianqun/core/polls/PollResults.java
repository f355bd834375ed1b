package org.jianqun.core.polls;

import java.util.List;
import java.util.Map;

/**
 * A poll's counts: per option overall and per village (villages in code order), the number of voters, and comments
 * (for voters only those the content check passed; for officers all, with the check's verdict).
 *
 * @param perOption count of voters who chose each option, index 0 = option 1
 */
public record PollResults(long voters, List<Long> perOption, Map<String, VillageCount> byVillage, List<Comment> comments) {
    public record VillageCount(long voters, List<Long> perOption) {
    }

    public record Comment(String villageCode, String text, CommentVerdict verdict) {
    }
}
