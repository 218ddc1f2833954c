package org.opendialler.database;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Reads what we need from a RIFF/WAVE header: that it is one, and its duration in seconds. */
final class Wav {

    private Wav() {
    }

    /**
     * The duration of the audio in seconds, to the millisecond.
     *
     * @throws IllegalArgumentException when the bytes are not a RIFF/WAVE file with a format
     *     and a data chunk
     */
    static BigDecimal duration(byte[] bytes) {
        if (bytes.length < 12 || !tag(bytes, 0, "RIFF") || !tag(bytes, 8, "WAVE")) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        long byteRate = -1;
        long dataBytes = -1;
        int at = 12;
        while (at + 8 <= bytes.length) {
            long size = le(bytes, at + 4, 4);
            if (tag(bytes, at, "fmt ") && at + 16 <= bytes.length) {
                byteRate = at + 20 <= bytes.length ? le(bytes, at + 16, 4) : -1;
            } else if (tag(bytes, at, "data")) {
                // A streamed file may leave the size unset: count what is there.
                dataBytes = Math.min(size, bytes.length - (at + 8L));
                break;
            }
            at += 8 + size + (size & 1);
        }
        if (byteRate <= 0 || dataBytes < 0) {
            throw new IllegalArgumentException("a WAV file needs a fmt and a data chunk");
        }
        return BigDecimal.valueOf(dataBytes).divide(BigDecimal.valueOf(byteRate), 3,
                RoundingMode.HALF_UP);
    }

    private static boolean tag(byte[] b, int at, String tag) {
        for (int i = 0; i < 4; i++) {
            if (at + i >= b.length || b[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long le(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
