package org.opendialler.cli;

import java.util.List;
import java.util.Map;

/** Renders rows as a plain text table with aligned columns, numbers to the right. */
final class Table {

    private Table() {
    }

    static String render(List<String> columns, List<Map<String, String>> rows) {
        int[] width = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            width[c] = columns.get(c).length();
            for (Map<String, String> row : rows) {
                width[c] = Math.max(width[c], cell(row, columns.get(c)).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, columns, width, null);
        for (int c = 0; c < columns.size(); c++) {
            out.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        out.append('\n');
        for (Map<String, String> row : rows) {
            line(out, columns.stream().map(col -> cell(row, col)).toList(), width, row);
        }
        out.append(rows.size()).append(rows.size() == 1 ? " row\n" : " rows\n");
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width,
            Map<String, String> row) {
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            boolean number = row != null && cell.matches("-?\\d+(\\.\\d+)?");
            String pad = " ".repeat(width[c] - cell.length());
            out.append(c == 0 ? "" : "  ").append(number ? pad + cell : cell + pad);
        }
        out.append('\n');
    }

    private static String cell(Map<String, String> row, String column) {
        String v = row.get(column);
        return v == null ? "" : v;
    }
}
