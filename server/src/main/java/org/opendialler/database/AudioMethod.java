package org.opendialler.database;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.opendialler.protocol.Answer;
import org.opendialler.protocol.ApiException;
import org.opendialler.protocol.ApiRequest;
import org.opendialler.protocol.Upload;

/**
 * {@code audio_files}: WAV prompts uploaded as the multipart file part {@code easycall}. The
 * rows are in the database, the audio in the blob store under
 * {@code DATA/blobs/audio/CCID/ID.wav}. Create of a name that exists is refused with
 * {@code Filename already exists}; update overwrites.
 */
final class AudioMethod extends Resource {

    private static final Field<Long> ID = field(name("id"), Long.class);
    private static final Field<String> NAME = field(name("name"), String.class);
    private static final Field<Long> SIZE = field(name("size_bytes"), Long.class);
    private static final Field<BigDecimal> DURATION = field(name("duration"), BigDecimal.class);
    private static final Field<String> TRANSCRIPT = field(name("transcript"), String.class);
    private static final Field<Long> UPDATED = field(name("updated_at"), Long.class);
    private static final String FILE_NAME = "[\\w][\\w .()-]{0,199}";

    private final Path root;
    private final Clock clock;

    AudioMethod(Path dataDir, Clock clock) {
        super("audio_files", "audio file", table(name("audio_files")), Key.id("id", "id"),
                List.of(Key.text("name", "name", 200), Key.id("size", "size_bytes"),
                        Key.decimal("duration", "duration", "0", "1000000"),
                        Key.text("transcript", "transcript", 4000)));
        this.root = dataDir.resolve("blobs").resolve("audio");
        this.clock = clock;
    }

    @Override
    Condition readFilter(ApiRequest request) {
        return request.optional("name").map(n -> NAME.eq(n))
                .orElse(org.jooq.impl.DSL.noCondition());
    }

    Answer create(Crud crud, ApiRequest request) {
        return write(crud, request, false);
    }

    Answer update(Crud crud, ApiRequest request) {
        return write(crud, request, true);
    }

    private Answer write(Crud crud, ApiRequest request, boolean overwrite) {
        Upload upload = request.upload().orElseThrow(ApiException::noRows);
        String fileName = fileName(request, upload);
        BigDecimal duration;
        try {
            duration = Wav.duration(upload.bytes());
        } catch (IllegalArgumentException e) {
            throw new ApiException("Bad argument: easycall (" + e.getMessage() + ")");
        }
        String transcript = request.optional("transcript").orElse(null);
        if (transcript != null && transcript.length() > 4000) {
            throw ApiException.badArgument("transcript");
        }
        long ccid = request.ccid();
        long id = crud.db().transaction(tx -> {
            Record existing = tx.selectFrom(table).where(CCID.eq(ccid)).and(NAME.eq(fileName))
                    .forUpdate().fetchOne();
            if (existing != null && !overwrite) {
                throw new ApiException("Filename already exists");
            }
            if (existing == null && overwrite) {
                throw new ApiException("No such audio file: " + fileName);
            }
            long now = clock.instant().getEpochSecond();
            long rowId = existing != null ? existing.get(ID)
                    : tx.insertInto(table).set(CCID, ccid).set(NAME, fileName)
                            .set(SIZE, (long) upload.bytes().length).set(DURATION, duration)
                            .set(TRANSCRIPT, transcript).set(UPDATED, now)
                            .returningResult(ID).fetchOne(ID);
            if (existing != null) {
                var update = tx.update(table).set(SIZE, (long) upload.bytes().length)
                        .set(DURATION, duration).set(UPDATED, now);
                if (transcript != null) {
                    update = update.set(TRANSCRIPT, transcript);
                }
                update.where(CCID.eq(ccid)).and(ID.eq(rowId)).execute();
            }
            store(ccid, rowId, upload.bytes());
            return rowId;
        });
        return new Answer.Write(1, List.of(), List.of(id), null);
    }

    private static String fileName(ApiRequest request, Upload upload) {
        String given = request.optional("filename").or(() -> request.optional("name"))
                .orElse(upload.filename());
        if (given == null) {
            throw ApiException.badArgument("filename");
        }
        String base = given.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).trim();
        if (!base.matches(FILE_NAME)) {
            throw ApiException.badArgument("filename");
        }
        return base;
    }

    private void store(long ccid, long id, byte[] bytes) {
        try {
            Path dir = Files.createDirectories(root.resolve(String.valueOf(ccid)));
            Path temp = Files.createTempFile(dir, id + "-", ".part");
            Files.write(temp, bytes);
            Files.move(temp, dir.resolve(id + ".wav"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store audio file " + id, e);
        }
    }

    /** Where the audio of one file is kept. */
    Path path(long ccid, long id) {
        return root.resolve(String.valueOf(ccid)).resolve(id + ".wav");
    }

    @Override
    Record locate(Ctx ctx, ObjectNode row) {
        String fileName = Crud.text(row, "name");
        if (Crud.text(row, "id") != null || fileName == null) {
            return super.locate(ctx, row);
        }
        Record found = ctx.tx().selectFrom(table).where(CCID.eq(ctx.ccid()))
                .and(NAME.eq(fileName.trim())).fetchOne();
        if (found == null) {
            throw RowRefused.noSuch(noun, fileName.trim());
        }
        return found;
    }

    @Override
    void delete(Ctx ctx, Record existing) {
        super.delete(ctx, existing);
        try {
            Files.deleteIfExists(path(ctx.ccid(), existing.get(ID)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete audio file " + existing.get(ID), e);
        }
    }
}
