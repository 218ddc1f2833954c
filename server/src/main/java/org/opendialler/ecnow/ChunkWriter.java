package org.opendialler.ecnow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.opendialler.store.Database;

/**
 * Writes the checked records of one create a chunk at a time, each chunk in a transaction of its
 * own on a writer thread, while the request's thread checks the next chunk: on PostgreSQL the
 * database's work and the checks then run on two cores instead of taking turns on one. At most
 * one chunk is being written at once, so ids follow the rows and memory stays at two chunks.
 * The request's thread holds no connection while it waits, and a writer waits for no thread of
 * ours while it holds one, so creates cannot deadlock on the pool. Not thread-safe; one per
 * create.
 */
final class ChunkWriter implements AutoCloseable {

    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(writerThreads());

    private final Database db;
    private final Datasets datasets;
    private final long ccid;
    private final List<Object> keys = new ArrayList<>();
    private CompletableFuture<List<Long>> writing;

    ChunkWriter(Database db, Datasets datasets, long ccid) {
        this.db = db;
        this.datasets = datasets;
        this.ccid = ccid;
    }

    /**
     * Starts writing {@code records} once the chunk before them is written. {@code checked}
     * gives the status each of their datasets had when they were checked.
     */
    void write(List<Records.NewRecord> records, Map<Long, String> checked) {
        if (records.isEmpty()) {
            return;
        }
        awaitWritten();

        List<Records.NewRecord> chunk = List.copyOf(records);
        Map<Long, String> statuses = Map.copyOf(checked);
        writing = CompletableFuture.supplyAsync(() -> db.transaction(tx -> {
            restatus(tx, chunk, statuses);
            return Records.insert(tx, ccid, chunk);
        }), WRITERS);
    }

    /**
     * A dataset's status may have changed since its rows were checked, and a change moves only
     * the records already written: rows checked against the old status take the ProcessType the
     * change gave the others. The datasets stay locked until the chunk commits, so a change
     * after this waits and then moves these records too.
     */
    private void restatus(DSLContext tx, List<Records.NewRecord> chunk,
            Map<Long, String> checked) {
        Map<Long, String> now = datasets.lockStatuses(tx, ccid, checked.keySet());
        for (Records.NewRecord r : chunk) {
            Long dataset = (Long) r.get(Records.DATASETID);
            String status = now.get(dataset);
            if (status != null && !status.equals(checked.get(dataset))) {
                String type = (String) r.get(Records.PROCESSTYPE);
                r.set(Records.PROCESSTYPE, ProcessTypes.moved(type, status));
            }
        }
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
