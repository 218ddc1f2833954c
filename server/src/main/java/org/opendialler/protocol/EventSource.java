package org.opendialler.protocol;

import java.time.Duration;
import java.util.Optional;

/**
 * The events of a Server-Sent Events answer ({@link Answer.Events}), taken one at a time by the
 * thread that writes them to the client. Implementations are thread-safe: events come from one
 * thread, {@link #close} may come from another.
 */
public interface EventSource extends AutoCloseable {

    /** One event: its name ({@code event:}) and its data, one line of text ({@code data:}). */
    record Event(String name, String data) {
    }

    /**
     * The next event, waiting at most {@code wait} for one; empty when none came in that time
     * or the source has ended.
     */
    Optional<Event> next(Duration wait) throws InterruptedException;

    /** Whether no more events will come (the server is stopping, or the client fell behind). */
    boolean ended();

    /** Stops the source: the client went, or the stream ended. Safe to call twice. */
    @Override
    void close();
}
