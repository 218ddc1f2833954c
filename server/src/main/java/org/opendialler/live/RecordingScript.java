package org.opendialler.live;

import static org.jooq.impl.DSL.concat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.protocol.Format;
import org.opendialler.protocol.Script;
import org.opendialler.reporting.CdrFilters;
import org.opendialler.store.Database;

/**
 * {@code recording.php}: a call's recording as a WAV download ({@code callid}), or
 * {@code action=list} of the calls that have one. A call of another centre has no recording for
 * the caller.
 */
public final class RecordingScript implements Script {

    static final String NOT_FOUND = "Recording not found";
    private static final Table<Record> CDR = table(DSL.name("cdr"));
    private static final Field<Long> CCID = field(DSL.name("ccid"), Long.class);
    private static final Field<Long> CALLID = field(DSL.name("callid"), Long.class);
    private static final Field<Long> URN = field(DSL.name("urn"), Long.class);
    private static final Field<Long> T_INIT_MS = field(DSL.name("t_init_ms"), Long.class);
    private static final Field<Long> MS_DUR = field(DSL.name("ms_dur"), Long.class);
    private static final Field<String> FLAGS = field(DSL.name("flags"), String.class);
    private static final int DEFAULT_CAP = 10_000;

    private final Database db;
    private final Path dataDir;

    public RecordingScript(Database db, Path dataDir) {
        this.db = db;
        this.dataDir = dataDir;
    }

    @Override
    public String name() {
        return "recording.php";
    }

    @Override
    public Format defaultFormat() {
        return Format.JSON;
    }

    @Override
    public Answer handle(ApiRequest request) {
        String action = request.optional("action").orElse("get");
        return switch (action) {
            case "list" -> list(request);
            case "get", "read" -> download(request);
            default -> throw ApiException.unknownAction();
        };
    }

    private Answer download(ApiRequest request) {
        long callid = request.longParam("callid")
                .orElseThrow(() -> ApiException.badArgument("callid"));
        boolean known = db.dsl().fetchExists(CDR, CCID.eq(request.ccid()).and(CALLID.eq(callid)));
        Path file = Recordings.path(dataDir, request.ccid(), callid);
        if (!known || !Files.isRegularFile(file)) {
            throw new ApiException(NOT_FOUND);
        }
        return new Answer.File(file, "audio/wav", callid + ".wav");
    }

    private Answer list(ApiRequest request) {
        Condition where = CdrFilters.where(request).and(recorded());
        long start = natural(request, "start", 0);
        long limit = natural(request, "limit", DEFAULT_CAP);
        boolean capped = request.optional("limit").isEmpty();

        long total = db.dsl().fetchCount(CDR, where);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Record r : db.dsl().select(CALLID, URN, T_INIT_MS, MS_DUR).from(CDR).where(where)
                .orderBy(CALLID).limit(limit).offset(start).fetch()) {
            items.add(item(request.ccid(), r));
        }
        return new Answer.Rows(total, items, capped && total - start > limit);
    }

    private static Condition recorded() {
        return concat(inline(","), FLAGS, inline(",")).like("%,recorded,%");
    }

    private Map<String, Object> item(long ccid, Record r) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("callid", String.valueOf(r.get(CALLID)));
        item.put("urn", String.valueOf(r.get(URN)));
        item.put("tm_init", String.valueOf(Math.floorDiv(r.get(T_INIT_MS), 1000L)));
        Long dur = r.get(MS_DUR);
        item.put("sec_dur", dur == null ? null
                : BigDecimal.valueOf(dur).movePointLeft(3).toPlainString());
        item.put("size", size(Recordings.path(dataDir, ccid, r.get(CALLID))));
        return item;
    }

    /** The file's bytes, or null when the flag says recorded but the file is gone. */
    private static Long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long natural(ApiRequest request, String name, long otherwise) {
        long value = request.longParam(name).orElse(otherwise);
        if (value < 0) {
            throw ApiException.badArgument(name);
        }
        return value;
    }
}
