package org.opendialler.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Audio files of {@code database.php?method=audio_files}: WAV prompts and messages, uploaded as
 * the multipart file part {@code easycall}.
 */
public final class AudioFiles {

    private static final String SCRIPT = "database.php";
    private static final String METHOD = "audio_files";
    private static final String EXISTS = "Filename already exists";

    private final ContactNowClient client;

    AudioFiles(ContactNowClient client) {
        this.client = client;
    }

    /**
     * Uploads {@code wav} under {@code fileName}, creating the file, or overwriting it when one
     * of that name exists: the create is refused with {@code Filename already exists} and the
     * same upload is sent as an update, as the vendor's PHP wrapper does. Answers the write,
     * whose {@code key} is the file's id.
     *
     * @param transcript what the audio says, or null
     */
    public WriteResult upload(String fileName, byte[] wav, String transcript) {
        Map<String, String> params = new LinkedHashMap<>();
        if (transcript != null) {
            params.put("transcript", transcript);
        }
        try {
            return client.upload(SCRIPT, METHOD, "create", fileName, "audio/wav", wav, params);
        } catch (ContactNowException e) {
            if (e.error() == null || !e.error().startsWith(EXISTS)) {
                throw e;
            }
            return client.upload(SCRIPT, METHOD, "update", fileName, "audio/wav", wav, params);
        }
    }

    /** The files: {@code id}, {@code name}, {@code size}, {@code duration}, {@code transcript}. */
    public Page read(Map<String, String> filters) {
        return client.read(SCRIPT, METHOD, filters);
    }

    /** Deletes files; each row names its {@code id} or {@code name}. */
    public WriteResult delete(List<? extends Map<String, ?>> rows) {
        return client.write(SCRIPT, METHOD, "delete", rows, Map.of());
    }
}
