package org.opendialler.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database of a fresh data directory, made once by the build: the build runs every
 * migration into an empty H2 file (with Flyway, so its schema history is Flyway's own) and ships
 * that file in the jar, with the list of the migration files it was made from (name and CRC-32
 * of each). A server that finds no database file in its data directory starts from a copy. When
 * the migration files on its class path are exactly those of the list, Flyway would find nothing
 * to apply and nothing to correct, so it is not run; otherwise (a class path with a migration the
 * copy lacks) Flyway checks the copy like any existing database and applies what it lacks. H2
 * runs migrations in a cold JVM slowly (it rebuilds a table for each column a migration alters),
 * so this is most of a first start. Without the resource, Flyway makes the schema as usual.
 */
public final class H2Template {

    private static final Logger LOG = LoggerFactory.getLogger(H2Template.class);
    static final String RESOURCE = "/org/opendialler/store/empty-h2.mv.db";
    static final String LISTING = "/org/opendialler/store/empty-h2.migrations";
    private static final List<String> LOCATIONS = List.of("db/migration", "db/h2");

    private H2Template() {
    }

    /**
     * Copies the template to the database file of {@code config} when that is the embedded
     * database of a data directory and its file does not exist yet.
     *
     * @return whether the database is now such a copy
     */
    static boolean seed(DbConfig config) {
        Optional<Path> file = config.embeddedFile();
        if (file.isEmpty() || Files.exists(file.get())) {
            return false;
        }
        try (InputStream template = H2Template.class.getResourceAsStream(RESOURCE)) {
            return template != null && copy(template, file.get());
        } catch (IOException e) {
            LOG.warn("The empty database could not be copied ({}); migrating from scratch",
                    e.getMessage());
            return false;
        }
    }

    /** Whether the template was made from exactly the migration files on the class path. */
    static boolean madeFromTheseMigrations() {
        try (InputStream listing = H2Template.class.getResourceAsStream(LISTING)) {
            return listing != null && migrationsOnClassPath().equals(
                    new String(listing.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.warn("The migrations on the class path could not be listed ({}); Flyway checks "
                    + "the database", e.toString());
            return false;
        }
    }

    /**
     * Every file under the H2 migration locations of the class path, a line each: its name and
     * the CRC-32 of its bytes, sorted. A location in something other than a folder or a jar
     * makes it throw, so that Flyway decides.
     */
    static String migrationsOnClassPath() throws IOException {
        List<String> lines = new ArrayList<>();
        ClassLoader loader = H2Template.class.getClassLoader();
        for (String location : LOCATIONS) {
            for (URL url : Collections.list(loader.getResources(location))) {
                lines.addAll(listed(url, location));
            }
        }
        Collections.sort(lines);
        return String.join("\n", lines) + "\n";
    }

    private static List<String> listed(URL url, String location) throws IOException {
        if ("jar".equals(url.getProtocol())) {
            List<String> lines = new ArrayList<>();
            JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
            for (JarEntry e : Collections.list(jar.entries())) {
                if (!e.isDirectory() && e.getName().startsWith(location + "/")) {
                    try (InputStream in = jar.getInputStream(e)) {
                        lines.add(e.getName() + " " + crc(in.readAllBytes()));
                    }
                }
            }
            return lines;
        }
        if ("file".equals(url.getProtocol())) {
            return listedFolder(Path.of(URI.create(url.toString())), location);
        }
        throw new IOException("cannot list " + url);
    }

    private static List<String> listedFolder(Path dir, String location) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                String relative = dir.relativize(p).toString().replace('\\', '/');
                lines.add(location + "/" + relative + " " + crc(Files.readAllBytes(p)));
            }
        }
        return lines;
    }

    private static String crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return Long.toHexString(crc.getValue());
    }

    private static boolean copy(InputStream template, Path file) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(template, part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, file);
            return true;
        } catch (FileAlreadyExistsException e) {
            // Another process made the database meanwhile: it is theirs.
            return false;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * The build step: {@code H2Template OUT INPUT...} writes the template to OUT, and the list
     * of the migration files it was made from beside it, unless OUT is newer than every INPUT
     * (files, or directories walked).
     */
    public static void main(String[] args) throws IOException, SQLException {
        Path out = Path.of(args[0]);
        if (isNewerThanAll(out, Stream.of(args).skip(1).map(Path::of).toList())) {
            return;
        }

        String migrations = migrationsOnClassPath();

        Path dir = Files.createTempDirectory("opendialler-template");
        try {
            DbConfig config = DbConfig.embedded(dir);
            Database.openUnseeded(config).close();
            compact(config);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.copy(config.embeddedFile().orElseThrow(), out,
                    StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(out.resolveSibling(Path.of(LISTING).getFileName().toString()),
                    migrations, StandardCharsets.UTF_8);
            LOG.info("Wrote the empty H2 database {} ({} bytes)", out, Files.size(out));
        } finally {
            delete(dir);
        }
    }

    private static boolean isNewerThanAll(Path out, List<Path> inputs)
            throws IOException {
        if (!Files.exists(out)) {
            return false;
        }
        FileTime made = Files.getLastModifiedTime(out);
        for (Path input : inputs) {
            try (Stream<Path> paths = Files.walk(input)) {
                for (Path p : paths.toList()) {
                    if (Files.getLastModifiedTime(p).compareTo(made) > 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Rewrites the file without the space the migrations' rebuilt tables left behind. */
    private static void compact(DbConfig config) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.url(), config.user(),
                config.password()); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
