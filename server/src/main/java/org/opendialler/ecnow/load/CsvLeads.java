package org.opendialler.ecnow.load;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV file of leads: UTF-8 with or without a BOM, comma or semicolon separated (told by
 * the header line), RFC 4180 quoting, any line ends. The first row names the fields.
 */
public final class CsvLeads {

    private CsvLeads() {
    }

    /** The header and the rows of a file, each row as many cells as the header (padded). */
    public record Sheet(List<String> header, List<List<String>> rows, char separator) {
    }

    public static Sheet read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        char separator = separator(text);
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
        List<List<String>> all = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class)
                .with(schema).readValues(text)) {
            while (it.hasNext()) {
                all.add(new ArrayList<>(it.next()));
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty: it needs a header row");
        }
        List<String> header = all.get(0).stream().map(String::strip).toList();
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : all.subList(1, all.size())) {
            while (row.size() < header.size()) {
                row.add("");
            }
            rows.add(row);
        }
        return new Sheet(header, rows, separator);
    }

    /** Semicolon when the header line holds more of them than commas (outside quotes). */
    static char separator(String text) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }
}
