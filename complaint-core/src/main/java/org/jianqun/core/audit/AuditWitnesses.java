package org.jianqun.core.audit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The daily witness files, outside the database: {@code <folder>/<yyyy-mm-dd>.json}, each the chain
 * heads (chain, seq, hash; no content) as the day's witness took them, HMAC-signed with the
 * {@link AuditKey}. Someone who can write the database cannot change them, and someone who can
 * change them cannot sign them without the key. Blocking file I/O: worker threads only.
 */
public final class AuditWitnesses {
    private static final String PURPOSE = "jianqun-audit-witness";
    private static final String SUFFIX = ".json";

    private final Path folder;

    public AuditWitnesses(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    public Path folder() {
        return folder;
    }

    /** One chain's head as witnessed. */
    public record WitnessedHead(String chain, long seq, String hash) {
    }

    /** One day's witness: when it was taken and the heads it took. */
    public record Witness(LocalDate day, Instant at, List<WitnessedHead> heads) {
        public Witness {
            heads = List.copyOf(heads);
        }

        /** What the signature covers: every field, unit- and record-separated so no two witnesses read alike. */
        String canonical() {
            StringBuilder out = new StringBuilder().append(day).append('\u001F').append(at.toEpochMilli()).append('\u001E');
            heads.forEach(h -> out.append(h.chain()).append('\u001F').append(h.seq()).append('\u001F').append(h.hash()).append('\u001E'));
            return out.toString();
        }
    }

    /** A file as read back: the witness, or (witness null) why it cannot be trusted. */
    public record Read(LocalDate day, Witness witness, String problem) {
    }

    public Path fileOf(LocalDate day) {
        return folder.resolve(day + SUFFIX);
    }

    /** Writes the day's file whole or not at all (a temporary file moved into place), owner-readable only. */
    public void write(Witness witness, AuditKey key) {
        JsonArray heads = new JsonArray();
        witness.heads().forEach(h -> heads.add(new JsonObject().put("chain", h.chain()).put("seq", h.seq()).put("hash", h.hash())));
        JsonObject json = new JsonObject()
                .put("day", witness.day().toString())
                .put("at", witness.at().toString())
                .put("heads", heads)
                .put("signature", key.mac(PURPOSE, witness.canonical()));
        Path file = fileOf(witness.day());
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, ".witness-", ".tmp");
            Files.writeString(temporary, json.encodePrettily() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit witness " + file, e);
        }
    }

    /** Every {@code <yyyy-mm-dd>.json} in the folder, in day order; other files are not witnesses and are passed over. */
    public List<Read> readAll(AuditKey key) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<LocalDate> days = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX)).forEach(n -> {
                try {
                    days.add(LocalDate.parse(n.substring(0, n.length() - SUFFIX.length())));
                } catch (DateTimeParseException notADay) {
                    // not a witness file
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the audit witnesses in " + folder, e);
        }
        days.sort(null);
        return days.stream().map(day -> read(day, key)).toList();
    }

    private Read read(LocalDate day, AuditKey key) {
        Witness witness;
        String signature;
        try {
            JsonObject json = new JsonObject(Files.readString(fileOf(day), StandardCharsets.UTF_8));
            List<WitnessedHead> heads = new ArrayList<>();
            for (Object o : json.getJsonArray("heads")) {
                JsonObject h = (JsonObject) o;
                heads.add(new WitnessedHead(Objects.requireNonNull(h.getString("chain")), h.getLong("seq"),
                        Objects.requireNonNull(h.getString("hash"))));
            }
            witness = new Witness(LocalDate.parse(json.getString("day")), Instant.parse(json.getString("at")), heads);
            signature = json.getString("signature");
        } catch (IOException e) {
            return new Read(day, null, "cannot be read (" + e.getClass().getSimpleName() + ")");
        } catch (DecodeException | ClassCastException | NullPointerException | DateTimeParseException e) {
            return new Read(day, null, "is not a witness file");
        }
        if (!witness.day().equals(day)) {
            return new Read(day, null, "names another day (" + witness.day() + ")");
        }
        if (!AuditKey.same(key.mac(PURPOSE, witness.canonical()), signature)) {
            return new Read(day, null, "is not signed with the audit key: it was changed, or JIANQUN_AUDIT_KEY is not the key it was signed with");
        }
        return new Read(day, witness, null);
    }
}
