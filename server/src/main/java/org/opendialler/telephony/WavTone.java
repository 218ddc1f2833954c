package org.opendialler.telephony;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Makes a WAV file of a sine tone: RIFF/WAVE, PCM, 16-bit mono, little-endian. */
public final class WavTone {

    private static final int HEADER_BYTES = 44;
    private static final short PCM = 1;
    private static final short BITS = 16;

    private WavTone() {
    }

    /** A tone of {@code frequencyHz} lasting {@code length}, sampled at {@code sampleRate}. */
    public static byte[] tone(Duration length, double frequencyHz, int sampleRate) {
        int samples = (int) (length.toMillis() * sampleRate / 1000);
        ByteBuffer wav = ByteBuffer.allocate(HEADER_BYTES + samples * 2)
                .order(ByteOrder.LITTLE_ENDIAN);
        header(wav, samples * 2, sampleRate);
        for (int i = 0; i < samples; i++) {
            double sine = Math.sin(2 * Math.PI * frequencyHz * i / sampleRate);
            wav.putShort((short) Math.round(sine * Short.MAX_VALUE * 0.3));
        }
        return wav.array();
    }

    private static void header(ByteBuffer wav, int dataBytes, int sampleRate) {
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII));
        wav.putInt(36 + dataBytes);
        wav.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII));
        wav.putInt(16);
        wav.putShort(PCM);
        wav.putShort((short) 1);
        wav.putInt(sampleRate);
        wav.putInt(sampleRate * BITS / 8);
        wav.putShort((short) (BITS / 8));
        wav.putShort(BITS);
        wav.put("data".getBytes(StandardCharsets.US_ASCII));
        wav.putInt(dataBytes);
    }
}
