package org.opendialler.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The heap of this JVM, which ran the server through every other benchmark, and the time a
 * fresh server process on H2 takes from its start to its first answered request.
 */
final class MemoryBench {

    private MemoryBench() {
    }

    /** Zeroes the peaks, so that {@link #heap} covers only what runs after it. */
    static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    static Result heap() {
        long peak = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long max = Runtime.getRuntime().maxMemory();
        double mb = peak / 1048576.0;
        return Result.alone("memory", "-", "peak heap MB (sum of pool peaks, whole JVM)", mb,
                "MB", "< 512 MB", mb < 512, String.format("JVM -Xmx %.0f MB; includes the "
                        + "benchmark clients and generated rows", max / 1048576.0));
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
                    "ms", "< 3000 ms", ms < 3000, String.format(java.util.Locale.ROOT,
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
