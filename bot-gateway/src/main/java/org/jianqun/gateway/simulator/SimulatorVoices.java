package org.jianqun.gateway.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The simulator's voice messages: what a player recorded or picked, kept as files in the data folder (a bridge
 * carries only a voice's URL; a real one points at the chat app's media). Named by a random id and their type.
 */
final class SimulatorVoices {
    static final int MAX_BYTES = 2 * 1024 * 1024;
    private static final Map<String, String> EXTENSIONS = Map.of("audio/webm", "webm", "audio/ogg", "ogg", "audio/wav", "wav",
            "audio/x-wav", "wav", "audio/wave", "wav", "audio/mpeg", "mp3", "audio/mp4", "m4a", "audio/x-m4a", "m4a");
    private static final Map<String, String> TYPES = Map.of("webm", "audio/webm", "ogg", "audio/ogg", "wav", "audio/wav", "mp3", "audio/mpeg",
            "m4a", "audio/mp4");

    private final Path folder;

    SimulatorVoices(Path folder) {
        this.folder = folder;
    }

    static Optional<String> extensionOf(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(EXTENSIONS.get(contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)));
    }

    /** A name this class made: a UUID and a known extension, nothing that could leave the folder. */
    static boolean isName(String name) {
        int dot = name.lastIndexOf('.');
        return dot == 36 && name.substring(0, dot).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                && TYPES.containsKey(name.substring(dot + 1));
    }

    static String typeOf(String name) {
        return TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    }

    /** Blocking: writes the file. */
    String store(String contentType, byte[] audio) {
        String name = UUID.randomUUID() + "." + extensionOf(contentType).orElseThrow();
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(name), audio);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return name;
    }

    /** Blocking: the recording, or empty when there is none of that name. */
    Optional<byte[]> read(String name) {
        try {
            return Optional.of(Files.readAllBytes(folder.resolve(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
