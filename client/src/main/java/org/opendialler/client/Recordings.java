package org.opendialler.client;

import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code recording.php}: which calls have a recording, and the audio of one. */
public final class Recordings {

    private final ContactNowClient client;

    Recordings(ContactNowClient client) {
        this.client = client;
    }

    /**
     * The calls started between {@code from} and {@code to} (Unix seconds, inclusive) that have
     * a recording: {@code callid}, {@code urn}, {@code tm_init}, {@code sec_dur}, {@code size}.
     *
     * @param filters the {@code cdr} filters ({@code queue}, {@code agent}, ...), {@code limit}
     *     and {@code start}
     */
    public Page list(long from, long to, Map<String, String> filters) {
        Map<String, String> params = new LinkedHashMap<>(filters);
        params.put("range", from + ":" + to);
        return client.page("recording.php", null, "list", params);
    }

    /** Streams the audio of call {@code callid} into {@code out}; answers its size. */
    public long download(long callid, OutputStream out) {
        return client.downloadRecording(callid, out);
    }
}
