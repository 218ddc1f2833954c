package org.opendialler.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * HTTP load from wrk (Debian's package {@code wrk}), a load generator in a process of its own:
 * the server under test then shares neither its heap nor its collector with the clients, as
 * with real clients, and wrk's event loops cost the two cores far less than 64 client threads
 * of the JDK's HttpClient did. Its script, {@code read.lua}, fails the run on any answer that
 * is not a successful envelope and prints the latency at each tenth of a percentile.
 */
final class Wrk {

    static final int THREADS = 2;
    private static final int GRID = 1001;

    private final Path executable;
    private final Path script;

    private Wrk(Path executable, Path script) {
        this.executable = executable;
        this.script = script;
    }

    /** wrk from the PATH, or empty when it is not installed. */
    static Optional<Wrk> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(java.io.File.pathSeparator)).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, "wrk")).filter(Files::isExecutable).findFirst()
                .map(wrk -> new Wrk(wrk, script()));
    }

    /** Keeps {@code connections} requests in flight for {@code seconds}, one route. */
    Run run(String baseUrl, int connections, int seconds, String path, Path ids) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-t" + THREADS,
                "-c" + connections, "-d" + seconds + "s", "--timeout", "10s", "-s",
                script.toString(), baseUrl + "/", "--", path));
        if (ids != null) {
            command.add(ids.toString());
        }
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("wrk failed: " + out);
            }
            return Run.parse(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path script() {
        try (InputStream in = Wrk.class.getResourceAsStream("read.lua")) {
            Path file = Files.createTempFile("opendialler-read", ".lua");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One or more runs of wrk: requests answered, seconds spent, and the latency distribution as
     * {@link #GRID} quantiles (microseconds) of each run, with that run's number of requests.
     */
    record Run(long requests, double seconds, double meanUs, List<long[]> grids,
            List<Long> weights) {

        static Run parse(String out) {
            long requests = -1;
            long bad = -1;
            long errors = -1;
            double seconds = 0;
            double mean = 0;
            long[] grid = new long[GRID];
            for (String line : out.split("\n")) {
                String[] w = line.trim().split(" ");
                switch (w[0]) {
                    case "od.requests" -> requests = Long.parseLong(w[1]);
                    case "od.duration_us" -> seconds = Long.parseLong(w[1]) / 1e6;
                    case "od.bad" -> bad = Long.parseLong(w[1]);
                    case "od.errors" -> errors = Long.parseLong(w[1]);
                    case "od.mean_us" -> mean = Double.parseDouble(w[1]);
                    case "od.q" -> grid[Integer.parseInt(w[1])] = Long.parseLong(w[2]);
                    default -> {
                    }
                }
            }
            if (requests <= 0 || bad != 0 || errors != 0) {
                throw new IllegalStateException("wrk: " + requests + " requests, " + bad
                        + " not a successful envelope, " + errors + " errors:\n" + out);
            }
            return new Run(requests, seconds, mean, List.of(grid), List.of(requests));
        }

        /** The runs taken together: their requests, time and latencies. */
        static Run of(List<Run> runs) {
            List<long[]> grids = new ArrayList<>();
            List<Long> weights = new ArrayList<>();
            runs.forEach(r -> {
                grids.addAll(r.grids());
                weights.addAll(r.weights());
            });
            long requests = runs.stream().mapToLong(Run::requests).sum();
            double seconds = runs.stream().mapToDouble(Run::seconds).sum();
            double mean = runs.stream().mapToDouble(r -> r.meanUs() * r.requests()).sum()
                    / requests;
            return new Run(requests, seconds, mean, grids, weights);
        }

        double rate() {
            return requests / seconds;
        }

        double meanMs() {
            return meanUs / 1000;
        }

        /**
         * The latency under which {@code percent} of all requests fell. Each run's quantiles
         * stand for equal shares of its requests, so runs of different rates weigh as they
         * should; the answer is within a tenth of a percentile of the exact one.
         */
        double percentileMs(double percent) {
            List<double[]> points = new ArrayList<>();
            for (int r = 0; r < grids.size(); r++) {
                double share = weights.get(r) / (double) GRID;
                for (long value : grids.get(r)) {
                    points.add(new double[] {value, share});
                }
            }
            points.sort(Comparator.comparingDouble(p -> p[0]));
            double wanted = requests * percent / 100;
            double seen = 0;
            for (double[] p : points) {
                seen += p[1];
                if (seen >= wanted) {
                    return p[0] / 1000;
                }
            }
            return points.get(points.size() - 1)[0] / 1000;
        }
    }
}
