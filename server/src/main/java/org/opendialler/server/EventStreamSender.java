package org.opendialler.server;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.util.Optional;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.EventSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an event stream answer as Server-Sent Events with Javalin's {@link SseClient}, on
 * Javalin's async executor so that no Jetty thread waits for events. The stream ends when the
 * source ends (the server stops, the client fell behind) or a write fails because the client
 * went; a comment every heartbeat makes that write happen, and keeps proxies and the
 * connector's idle timeout from closing a quiet stream.
 */
final class EventStreamSender {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamSender.class);
    static final String CONTENT_TYPE = "text/event-stream";

    private EventStreamSender() {
    }

    static void send(Context ctx, Answer.Events events) {
        EventSource source = events.source();
        try {
            // The headers Javalin's own SseHandler sends; it is not used because it streams
            // only when Accept is exactly text/event-stream, and the action names the stream.
            ctx.res().setStatus(200);
            ctx.res().setCharacterEncoding("UTF-8");
            ctx.res().setContentType(CONTENT_TYPE);
            ctx.res().addHeader("Cache-Control", "no-cache");
            ctx.res().addHeader("X-Accel-Buffering", "no");
            ctx.res().flushBuffer();
        } catch (IOException | RuntimeException e) {
            source.close();
            LOG.debug("an event stream could not start", e);
            return;
        }
        ctx.async(config -> config.timeout = 0, () -> pump(new SseClient(ctx), source, events));
    }

    private static void pump(SseClient client, EventSource source, Answer.Events events) {
        try (source; client) {
            while (!client.terminated() && !source.ended()) {
                Optional<EventSource.Event> next = source.next(events.heartbeat());
                if (next.isPresent()) {
                    client.sendEvent(next.get().name(), next.get().data());
                } else if (!source.ended()) {
                    client.sendComment("heartbeat");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
