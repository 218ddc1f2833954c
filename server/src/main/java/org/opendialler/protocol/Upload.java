package org.opendialler.protocol;

/**
 * The raw multipart file part {@code easycall}: its file name as the client gave it (or
 * {@code null}) and its bytes. A binary part, such as a WAV file, carries no rows.
 */
public record Upload(String filename, byte[] bytes) {

    private static final int SNIFF = 1024;

    /** Whether the part is a binary file rather than text rows: RIFF data or a NUL byte. */
    public boolean isBinary() {
        if (bytes.length >= 4 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F'
                && bytes[3] == 'F') {
            return true;
        }
        for (int i = 0; i < Math.min(bytes.length, SNIFF); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
