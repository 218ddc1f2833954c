package org.opendialler.live;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serves the wallboard page and its script and style from the classpath (no build step, nothing
 * fetched from elsewhere). The page signs in with token.php and reads ajax.php and reporting.php
 * like any client.
 */
public final class Wallboard implements Handler {

    /** The files served, by name, with their content types. */
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "wallboard.js", "text/javascript; charset=utf-8",
            "wallboard.css", "text/css; charset=utf-8");
    private static final String ROOT = "/org/opendialler/live/wallboard/";

    @Override
    public void handle(Context ctx) {
        String path = ctx.path();
        if (path.endsWith("/wallboard")) {
            ctx.redirect(path + "/");
            return;
        }
        String file = path.substring(path.lastIndexOf('/') + 1);
        if (file.isEmpty()) {
            file = "index.html";
        }
        String type = FILES.get(file);
        if (type == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found\n");
            return;
        }
        ctx.header("Cache-Control", "no-cache").contentType(type).result(read(file));
    }

    private static byte[] read(String file) {
        try (InputStream in = Wallboard.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("wallboard resource missing: " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
