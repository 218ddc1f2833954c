package org.opendialler.ecnow;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.opendialler.protocol.Caller;

/**
 * The definitions record reads need (centre, campaign table, fields), kept in memory on this
 * node. A kept copy carries the centre's definitions version it was read at, and serves any
 * request whose token check read that version or an older one. Every change of definitions
 * adds one to the version in its own transaction, on whichever node makes it, so the first
 * request after a change finds its copy stale and reads the definitions again; a request that
 * finds its copy current costs no query. Only tables that exist are kept, so the map holds at
 * most the centres' tables, by name and by id. Thread-safe.
 */
final class KeptDefinitions {

    private record Key(long ccid, String nameLower, long tableId) {
    }

    private final Tables tables;
    private final Map<Key, TableDefinitions> kept = new ConcurrentHashMap<>();

    KeptDefinitions(Tables tables) {
        this.tables = tables;
    }

    /** The caller's centre with its table of that name (trimmed, any case), if there is one. */
    TableDefinitions byName(Caller caller, String tableName) {
        Key key = nameKey(caller.ccid(), tableName);
        return get(caller, key, () -> tables.definitionsByName(caller.ccid(), key.nameLower()));
    }

    /**
     * The copy this node keeps of a centre's table of that name, whatever its version, without
     * a query: a guess to be confirmed by {@link #byName} once the caller is known.
     */
    Optional<TableDefinitions> keptByName(long ccid, String tableName) {
        return Optional.ofNullable(kept.get(nameKey(ccid, tableName)));
    }

    /** A table's name is looked for trimmed and in any case. */
    private static Key nameKey(long ccid, String tableName) {
        return new Key(ccid, tableName.trim().toLowerCase(Locale.ROOT), 0);
    }

    TableDefinitions byId(Caller caller, long tableId) {
        return get(caller, new Key(caller.ccid(), null, tableId),
                () -> tables.definitionsById(caller.ccid(), tableId));
    }

    private TableDefinitions get(Caller caller, Key key, Supplier<TableDefinitions> read) {
        TableDefinitions held = kept.get(key);
        if (held != null && held.version() >= caller.definitionsVersion()) {
            return held;
        }

        TableDefinitions fresh = read.get();
        if (fresh.table().isPresent()) {
            kept.merge(key, fresh, KeptDefinitions::newer);
        } else {
            kept.computeIfPresent(key, (k, old) -> old.version() > fresh.version() ? old : null);
        }
        return fresh;
    }

    /** Two threads may read one change at once; the copy of the later version stays. */
    private static TableDefinitions newer(TableDefinitions a, TableDefinitions b) {
        return a.version() >= b.version() ? a : b;
    }
}
