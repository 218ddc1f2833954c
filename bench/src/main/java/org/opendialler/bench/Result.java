package org.opendialler.bench;

/**
 * One line of the table: a figure, its baseline from the same run and their ratio, and whether
 * the target is met ({@code null} when the target is not a matter of this figure alone).
 *
 * @param higherIsBetter whether the ratio is figure/baseline of a rate (true) or of a time
 */
public record Result(String benchmark, String db, String what, double figure, double baseline,
        String unit, String target, Boolean met, String note) {

    public double ratio() {
        return baseline == 0 ? Double.NaN : figure / baseline;
    }

    /** A line with no baseline (memory, start-up). */
    public static Result alone(String benchmark, String db, String what, double figure,
            String unit, String target, Boolean met, String note) {
        return new Result(benchmark, db, what, figure, 0, unit, target, met, note);
    }
}
