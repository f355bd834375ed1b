package org.jianqun.core.media;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.persistence.Database;

/**
 * Cleaned images kept in the database ({@code media}, V15) — not in a data folder: several instances share one
 * MySQL and no disk, a report and its photos commit together, and a backup holds both. An image belongs to who
 * uploaded it until something (a ticket, an invoice) takes it; ids are random (128 bits), never guessable.
 * Blocking: run on a worker.
 */
public final class MediaStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final ImageCleaner cleaner;
    private final Clock clock;

    public MediaStore(Database database, ImageCleaner cleaner, Clock clock) {
        this.database = database;
        this.cleaner = cleaner;
        this.clock = clock;
        database.addMapper(MediaMapper.class);
    }

    /** What storing an upload gave: its id, or why it was refused (nothing stored). */
    public sealed interface Stored {
        record Kept(String mediaId, CleanImage image) implements Stored {
        }

        record Refused(ImageRefusal refusal) implements Stored {
        }
    }

    /** Cleans the upload and stores the clean image for {@code ownerId}. */
    public Stored store(long ownerId, byte[] upload) {
        ImageCleaner.Cleaning cleaning = cleaner.clean(upload);
        if (cleaning instanceof ImageCleaner.Cleaning.Refused refused) {
            return new Stored.Refused(refused.refusal());
        }
        CleanImage image = ((ImageCleaner.Cleaning.Clean) cleaning).image();
        String id = newId();
        database.inTransaction(s -> {
            s.getMapper(MediaMapper.class).insert(id, ownerId, image, image.bytes().length, clock.instant());
            return null;
        });
        return new Stored.Kept(id, image);
    }

    /** Why a set of media ids cannot be taken by an owner: which id, and why. */
    public record NotTakeable(String mediaId, String reason) {
    }

    /**
     * Within the caller's transaction: checks that every id is {@code ownerId}'s and not yet taken by a ticket,
     * and attaches them to {@code ticketNo} in the given order. The first problem is answered and nothing attached.
     */
    public static Optional<NotTakeable> attachToTicket(SqlSession s, long ownerId, long ticketNo, List<String> mediaIds) {
        Optional<NotTakeable> problem = checkTakeable(s, ownerId, mediaIds);
        if (problem.isPresent()) {
            return problem;
        }
        MediaMapper media = s.getMapper(MediaMapper.class);
        int seq = 0;
        for (String id : mediaIds) {
            media.attach(ticketNo, ++seq, id);
        }
        return Optional.empty();
    }

    /** The first of {@code mediaIds} that is missing, another's, repeated or already taken; empty when all may be taken. */
    public static Optional<NotTakeable> checkTakeable(SqlSession s, long ownerId, List<String> mediaIds) {
        if (mediaIds.isEmpty()) {
            return Optional.empty();
        }
        Set<String> distinct = new LinkedHashSet<>(mediaIds);
        if (distinct.size() != mediaIds.size()) {
            return Optional.of(new NotTakeable(firstRepeated(mediaIds), "同一张图片不能重复使用"));
        }
        MediaMapper media = s.getMapper(MediaMapper.class);
        List<MediaMapper.Described> found = media.describe(distinct);
        for (String id : mediaIds) {
            boolean mine = found.stream().anyMatch(d -> d.id().equals(id) && d.ownerId() == ownerId);
            if (!mine) {
                // Another's image is answered as a missing one: ids tell nobody what others uploaded.
                return Optional.of(new NotTakeable(id, "图片 " + id + " 不存在"));
            }
        }
        List<String> taken = media.alreadyAttached(distinct);
        if (!taken.isEmpty()) {
            return Optional.of(new NotTakeable(taken.get(0), "图片 " + taken.get(0) + " 已用于另一条反映"));
        }
        return Optional.empty();
    }

    private static String firstRepeated(List<String> ids) {
        List<String> seen = new ArrayList<>();
        for (String id : ids) {
            if (seen.contains(id)) {
                return id;
            }
            seen.add(id);
        }
        return ids.get(0);
    }

    /** A stored image's bytes, for whoever may see what it belongs to (the caller decides that). */
    public Optional<MediaMapper.Content> content(String mediaId) {
        return Optional.ofNullable(database.read(s -> s.getMapper(MediaMapper.class).content(mediaId)));
    }

    public static boolean isMediaId(String value) {
        return value != null && value.length() == 32 && value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    private static String newId() {
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}
