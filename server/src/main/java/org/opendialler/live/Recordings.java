package org.opendialler.live;

import java.nio.file.Path;

/**
 * Where call recordings live: {@code DATA/recordings/<ccid>/<callid>.wav} under the server's data
 * directory. The dialler writes there before the call's CDR (with the flag {@code recorded}) is
 * committed; recording.php reads there.
 */
public final class Recordings {

    private Recordings() {
    }

    public static Path directory(Path dataDir) {
        return dataDir.resolve("recordings");
    }

    /** The WAV file of one call of one centre (which may not exist). */
    public static Path path(Path dataDir, long ccid, long callid) {
        return directory(dataDir).resolve(Long.toString(ccid)).resolve(callid + ".wav");
    }
}
