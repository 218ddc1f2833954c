package org.opendialler.telephony;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WavToneTest {

    @Test
    void aToneIsAPcmWaveFileWithConsistentSizes() {
        byte[] wav = WavTone.tone(Duration.ofMillis(300), 440, 8000);

        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int samples = 8000 * 300 / 1000;
        assertEquals("RIFF", ascii(wav, 0));
        assertEquals(wav.length - 8, b.getInt(4));
        assertEquals("WAVE", ascii(wav, 8));
        assertEquals("fmt ", ascii(wav, 12));
        assertEquals(16, b.getInt(16));
        assertEquals(1, b.getShort(20));
        assertEquals(1, b.getShort(22));
        assertEquals(8000, b.getInt(24));
        assertEquals(16000, b.getInt(28));
        assertEquals(2, b.getShort(32));
        assertEquals(16, b.getShort(34));
        assertEquals("data", ascii(wav, 36));
        assertEquals(samples * 2, b.getInt(40));
        assertEquals(44 + samples * 2, wav.length);
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
    }
}
