package org.opendialler.ecnow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.opendialler.store.Database;

/**
 * Writes the checked records of one create a chunk at a time, each chunk in a transaction of its
 * own on a writer thread, while the request's thread checks the next chunk: on PostgreSQL the
 * database's work and the checks then run on two cores instead of taking turns on one. At most
 * one chunk is being written at once, so ids follow the rows and memory stays at two chunks.
 * The request's thread holds no connection while it waits, and a writer waits for nothing while
 * it holds one, so many creates at once cannot starve the pool. Not thread-safe; one per create.
 */
final class ChunkWriter implements AutoCloseable {

    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(writerThreads());

    private final Database db;
    private final long ccid;
    private final List<Object> keys = new ArrayList<>();
    private CompletableFuture<List<Long>> writing;

    ChunkWriter(Database db, long ccid) {
        this.db = db;
        this.ccid = ccid;
    }

    /** Starts writing {@code records} once the chunk before them is written. */
    void write(List<Records.NewRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        awaitWritten();

        List<Records.NewRecord> chunk = List.copyOf(records);
        writing = CompletableFuture.supplyAsync(
                () -> db.transaction(tx -> Records.insert(tx, ccid, chunk)), WRITERS);
    }

    /**
     * Waits for the chunk being written, if any, so that a duplicate check or the answer sees
     * it; a failure to write it is thrown here, as it was in the writer.
     */
    void awaitWritten() {
        if (writing == null) {
            return;
        }
        CompletableFuture<List<Long>> last = writing;
        writing = null;
        try {
            keys.addAll(last.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Waits for a chunk still being written when the create stopped early, ignoring its error. */
    @Override
    public void close() {
        if (writing != null) {
            writing.exceptionally(e -> null).join();
            writing = null;
        }
    }

    /** The ids of every record written, in row order; call after {@link #awaitWritten}. */
    List<Object> keys() {
        return keys;
    }

    private static ThreadFactory writerThreads() {
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread t = new Thread(work, "record-writer-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
