package org.opendialler.live;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opendialler.dialler.AgentDesk;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.EventSource;
import org.opendialler.protocol.Json;

/**
 * agent.php's event streams. Each one listens to the running dialler's agents of one centre
 * (or one agent) and queues what they do for the thread that writes the stream, so that the
 * dialler never waits for a client: a client that falls {@link #QUEUE_LIMIT} events behind is
 * dropped (its stream ends; it reconnects and gets the states afresh). Thread-safe.
 */
public final class AgentEvents implements AutoCloseable {

    /** The most open streams of the server, so that clients cannot hold every thread. */
    static final int MAX_STREAMS = 500;
    static final int QUEUE_LIMIT = 1_000;
    static final String SNAPSHOT = "snapshot";
    static final String STATE = "state";

    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** The streams open now (a gauge on {@code /metrics}). */
    public int openStreams() {
        return open.size();
    }

    /** Ends every stream: the server is stopping. */
    @Override
    public void close() {
        closed = true;
        open.forEach(Stream::end);
    }

    /**
     * A stream of {@code desk}'s agents (of {@code agentId} alone when it is not null): first one
     * {@code snapshot} event per agent with the state it is in, then one {@code state} event per
     * change.
     */
    EventSource open(AgentDesk desk, Long agentId) {
        if (closed) {
            throw new ApiException(AgentScript.NOT_RUNNING);
        }
        if (open.size() >= MAX_STREAMS) {
            throw new ApiException("Too many event streams: at most " + MAX_STREAMS);
        }
        Stream stream = new Stream();
        open.add(stream);
        try {
            AgentDesk.Watch watch = desk.watch(agentId, stream::offer);
            stream.started(watch);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        return stream;
    }

    static String data(AgentDesk.StateEvent e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent", e.agentId());
        data.put("state", e.state().wireName());
        data.put("line", e.line() == null ? null : e.line().wireName());
        data.put("from", e.from() == null ? null : e.from().wireName());
        data.put("qid", e.qid());
        data.put("callid", e.callId());
        data.put("reason", e.reason());
        data.put("time", e.at().getEpochSecond());
        try {
            return Json.MAPPER.writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("an agent event could not be written", ex);
        }
    }

    /** One client's stream. */
    private final class Stream implements EventSource {

        private static final Event END = new Event("", "");

        private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
        private final Deque<Event> first = new ArrayDeque<>();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private volatile boolean ended;
        private volatile Runnable stopWatching = () -> { };

        /** Called on the dialler's thread: never blocks. */
        void offer(AgentDesk.StateEvent e) {
            if (!ended && !queue.offer(new Event(STATE, data(e)))) {
                end();
            }
        }

        void started(AgentDesk.Watch watch) {
            stopWatching = watch.stop();
            // The states now were read before any change was offered, so they go first.
            synchronized (first) {
                watch.now().forEach(e -> first.add(new Event(SNAPSHOT, data(e))));
            }
            if (stopped.get()) {
                stopWatching.run();
            }
        }

        void end() {
            ended = true;
            queue.clear();
            queue.offer(END);
        }

        @Override
        public Optional<Event> next(Duration wait) throws InterruptedException {
            synchronized (first) {
                if (!first.isEmpty()) {
                    return Optional.of(first.poll());
                }
            }
            if (ended) {
                return Optional.empty();
            }
            Event e = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return e == null || e == END ? Optional.empty() : Optional.of(e);
        }

        @Override
        public boolean ended() {
            return ended;
        }

        @Override
        public void close() {
            if (stopped.compareAndSet(false, true)) {
                ended = true;
                stopWatching.run();
                open.remove(this);
            }
        }
    }
}
