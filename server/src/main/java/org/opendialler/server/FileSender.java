package org.opendialler.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opendialler.protocol.Answer;

/**
 * Sends a file answer (a recording) as an attachment, honouring a single HTTP byte range exactly
 * as asked (Javalin's seekable writer stretches a range to its own chunk size). Several ranges
 * in one request get the whole file, which HTTP allows.
 */
final class FileSender {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private FileSender() {
    }

    static void send(Context ctx, Answer.File file) {
        try {
            long size = Files.size(file.path());
            ctx.header("Content-Disposition",
                    "attachment; filename=\"" + file.downloadName() + "\"");
            ctx.header("Accept-Ranges", "bytes");
            ctx.contentType(file.contentType());
            long[] range = range(ctx.header("Range"), size);
            if (range == null) {
                write(ctx, file, 0, size, 200);
            } else if (range.length == 0) {
                ctx.header("Content-Range", "bytes */" + size);
                ctx.status(416);
            } else {
                ctx.header("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size);
                write(ctx, file, range[0], range[1] - range[0] + 1, 206);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code [first, last]}, null for no usable range (whole file), empty if unsatisfiable. */
    static long[] range(String header, long size) {
        Matcher m = header == null ? null : RANGE.matcher(header.trim());
        if (m == null || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Math.min(Long.parseLong(m.group(2)), size);
                return suffix == 0 ? new long[0] : new long[] {size - suffix, size - 1};
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1
                    : Math.min(Long.parseLong(m.group(2)), size - 1);
            return first >= size || last < first ? new long[0] : new long[] {first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void write(Context ctx, Answer.File file, long from, long length, int status)
            throws IOException {
        ctx.status(status);
        ctx.header("Content-Length", Long.toString(length));
        try (InputStream in = Files.newInputStream(file.path());
                OutputStream out = ctx.res().getOutputStream()) {
            in.skipNBytes(from);
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }
}
