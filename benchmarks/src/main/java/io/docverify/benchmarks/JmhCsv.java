package io.docverify.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** Reads the score of a one-benchmark JMH run from its CSV result file ({@code -rf csv}). */
public final class JmhCsv {
    private JmhCsv() {
    }

    /** A score with its 99.9% error and unit. */
    public record Score(double score, double error, String unit) {
    }

    public static Score parse(String csv) {
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() != 2) {
            throw new IllegalArgumentException("expected a header and one result line, got " + lines.size()
                    + " lines");
        }
        List<String> header = fields(lines.get(0));
        List<String> row = fields(lines.get(1));
        int score = header.indexOf("Score");
        int error = header.indexOf("Score Error (99.9%)");
        int unit = header.indexOf("Unit");
        if (score < 0 || error < 0 || unit < 0) {
            throw new IllegalArgumentException("not a JMH CSV header: " + lines.get(0));
        }
        String errorText = row.get(error);
        return new Score(Double.parseDouble(row.get(score)),
                errorText.isEmpty() || errorText.equals("NaN") ? Double.NaN : Double.parseDouble(errorText),
                row.get(unit));
    }

    /** The fields of a CSV line: comma-separated, optionally double-quoted ("" inside quotes is a quote). */
    static List<String> fields(String line) {
        var fields = new ArrayList<String>();
        var current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
