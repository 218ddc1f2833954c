package org.opendialler.bench;

/** Wall-clock timing of a piece of work, in nanoseconds. */
final class Timer {

    private Timer() {
    }

    static long time(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return System.nanoTime() - t0;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** The best of {@code runs} timed runs after one warm-up, in nanoseconds. */
    static long best(int runs, Runnable work) {
        work.run();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            best = Math.min(best, time(work));
        }
        return best;
    }
}
