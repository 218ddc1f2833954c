package org.opendialler.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap of this JVM, which ran the server through every other benchmark, and the time a
 * fresh server process on H2 takes from its start to its first answered request.
 */
final class MemoryBench {

    private MemoryBench() {
    }

    /** Starts watching the heap, so that {@link #heap} covers only what runs after this. */
    static void watchHeap() {
        HeapWatch.INSTANCE.start();
    }

    /**
     * The heap through everything since {@link #watchHeap}: at its fullest and what survived
     * the collections, each summed over the heap's pools at one instant. A sum of each pool's
     * own peak, the figure of earlier rounds, adds up peaks of different moments and so
     * overstates the heap: it read 605 MB in a JVM capped at 512.
     */
    static Result heap() {
        HeapWatch watch = HeapWatch.INSTANCE;
        watch.sampleNow();
        double inUse = watch.mostBefore.get() / 1048576.0;
        // With no collection yet, what is in use now is all that can be said of what is kept.
        double retained = watch.collections.get() == 0 ? inUse
                : watch.mostAfter.get() / 1048576.0;
        long max = Runtime.getRuntime().maxMemory();
        return Result.alone("memory", "-", "peak heap MB left by a collection, whole JVM",
                retained, "MB", "< 512 MB", retained < 512, String.format(Locale.ROOT,
                        "JVM -Xmx %.0f MB; fullest %.0f MB; %d collections, pauses %.1f %% of "
                        + "%.0f s; includes the benchmark clients and generated rows",
                        max / 1048576.0, inUse, watch.collections.get(),
                        100 * watch.pauseShare(), watch.seconds()));
    }

    /**
     * The heap in use before and after each collection, from the collectors' notifications:
     * before, it is the most the heap held since the one before; after, what is retained.
     */
    private static final class HeapWatch implements NotificationListener {

        static final HeapWatch INSTANCE = new HeapWatch();

        private final Set<String> pools = heapPools().stream().map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        private final AtomicLong mostBefore = new AtomicLong();
        private final AtomicLong mostAfter = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();
        private volatile long startNanos;
        private volatile long pauseMillisAtStart;
        private boolean listening;

        synchronized void start() {
            mostBefore.set(0);
            mostAfter.set(0);
            collections.set(0);
            startNanos = System.nanoTime();
            pauseMillisAtStart = pauseMillis();
            if (!listening) {
                for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                    ((NotificationEmitter) gc).addNotificationListener(this, null, null);
                }
                listening = true;
            }
        }

        /** The heap in use now: the last collection's "before" may be older than the peak. */
        void sampleNow() {
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            mostBefore.accumulateAndGet(now, Math::max);
        }

        double seconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        double pauseShare() {
            return (pauseMillis() - pauseMillisAtStart) / 1000.0 / seconds();
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                    .equals(notification.getType())) {
                return;
            }
            GcInfo info = GarbageCollectionNotificationInfo
                    .from((CompositeData) notification.getUserData()).getGcInfo();
            collections.incrementAndGet();
            mostBefore.accumulateAndGet(sum(info.getMemoryUsageBeforeGc()), Math::max);
            mostAfter.accumulateAndGet(sum(info.getMemoryUsageAfterGc()), Math::max);
        }

        private long sum(Map<String, MemoryUsage> usage) {
            return usage.entrySet().stream().filter(e -> pools.contains(e.getKey()))
                    .mapToLong(e -> e.getValue().getUsed()).sum();
        }

        private static long pauseMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    /**
     * Starts {@code opendialler serve} on H2 in a new process, as a user starts it (the
     * launcher script, with its class archive) when the launcher is found, and times its first
     * answer to {@code /health}, then to a first API request.
     */
    static Result firstAnswer() {
        Path data = tempDir();
        int port = freePort();
        Path launcher = launcher();
        ProcessBuilder builder = new ProcessBuilder(command(launcher, data, port))
                .redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
        builder.environment().remove("OPENDIALLER_DB_URL");
        builder.environment().put("OPENDIALLER_JAVA_OPTS", "-Xmx512m");
        long t0 = System.nanoTime();
        Process process = start(builder);
        try {
            waitFor(port, "/health", process);
            double ms = Timer.millis(System.nanoTime() - t0);
            long cpu = cpuMillis(process);
            waitFor(port, "/token.php?action=get&format=json&username=nobody&password=x",
                    process);
            double api = Timer.millis(System.nanoTime() - t0);
            return Result.alone("memory", "h2", "ms from process start to first answer", ms,
                    "ms", "< 3000 ms", ms < 3000, String.format(Locale.ROOT,
                            "fresh data directory, GET /health; %s; CPU %d ms by then; "
                            + "first token.php answer at %.0f ms%s", how(launcher), cpu, api,
                            builtFirst(data) ? "; THE LAUNCHER BUILT FIRST: not a start" : ""));
        } finally {
            process.destroy();
        }
    }

    /**
     * The launcher script: {@code -Dopendialler.bench.launcher}, else {@code opendialler} in
     * the working directory or its parent (the module's directory under Maven), else null.
     */
    private static Path launcher() {
        String given = System.getProperty("opendialler.bench.launcher");
        if (given != null) {
            return Path.of(given);
        }
        for (Path p : List.of(Path.of("opendialler"), Path.of("..", "opendialler"))) {
            if (Files.isExecutable(p) && Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    private static List<String> command(Path launcher, Path data, int port) {
        List<String> command = new java.util.ArrayList<>();
        if (launcher == null) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            command.addAll(List.of(java, "-Xmx512m", "-cp", System.getProperty(
                    "java.class.path"), "org.opendialler.cli.Main"));
        } else {
            command.add(launcher.toString());
        }
        command.addAll(List.of("serve", "--data", data.toString(), "--port",
                Integer.toString(port), "--host", "127.0.0.1"));
        return command;
    }

    private static String how(Path launcher) {
        if (launcher == null) {
            return "java -cp (no launcher found)";
        }
        String archive = System.getenv().getOrDefault("OPENDIALLER_CLASS_ARCHIVE", "on");
        return "./opendialler serve, class archive " + archive;
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the launcher built the jar or the class archive before starting the server. */
    private static boolean builtFirst(Path data) {
        try {
            String log = Files.readString(data.resolve("server.log"));
            return log.contains("opendialler: building") || log.contains("class archive (once");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CPU time the process (the launcher execs the JVM: the same one) has used so far. */
    private static long cpuMillis(Process process) {
        return process.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    private static void waitFor(int port, String path, Process process) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet. A poll without a pause would take one of the two cores
                // from the start it measures; 10 ms is the figure's resolution.
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the server did not answer within 60 s");
    }

    private static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("opendialler-start");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
