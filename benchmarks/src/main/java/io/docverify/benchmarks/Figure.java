package io.docverify.benchmarks;

import java.util.Locale;
import java.util.function.DoublePredicate;

/**
 * A figure of the table: what is compared, how the value is shown, and the target. {@code ratioTarget} applies to
 * ours / baseline; {@code absoluteTarget} (if any) to ours alone.
 */
public record Figure(String key, String title, String unit, double scale, String target,
        DoublePredicate ratioMet, DoublePredicate absoluteMet) {

    /** A value in the figure's unit, e.g. {@code 1234 ops/s}. */
    public String show(double raw) {
        double v = raw / scale;
        String number = v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        return number + " " + unit;
    }

    /** Whether the median ratio and the median of ours meet the target. */
    public boolean met(double ratio, double ours) {
        return (ratioMet == null || ratioMet.test(ratio)) && (absoluteMet == null || absoluteMet.test(ours));
    }
}
