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

    /** Starts {@code opendialler serve} on H2 in a new JVM and times its first answer. */
    static Result firstAnswer() {
        Path data = tempDir();
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), "org.opendialler.cli.Main", "serve",
                "--data", data.toString(), "--port", Integer.toString(port),
                "--host", "127.0.0.1").redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile());
        builder.environment().remove("OPENDIALLER_DB_URL");
        long t0 = System.nanoTime();
        Process process = start(builder);
        try {
            waitForHealth(port, process);
            double ms = Timer.millis(System.nanoTime() - t0);
            return Result.alone("memory", "h2", "ms from process start to first answer", ms,
                    "ms", "< 3000 ms", ms < 3000, "fresh data directory, GET /health");
        } finally {
            process.destroy();
        }
    }

    private static void waitForHealth(int port, Process process) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet: poll again.
                Thread.onSpinWait();
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
