package org.opendialler.ecnow.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Loads a sheet of leads into a dataset over the public API: {@code token.php} once, then
 * {@code ecnow_records} create in batches. Bad rows are collected with their reasons.
 */
public final class LeadLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final int batchSize;
    private String token;

    /** The totals of a load, and every refused row with its reason. */
    public record Result(int good, int bad, List<List<String>> badRows) {
    }

    public LeadLoader(String baseUrl, int batchSize) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1)
                : baseUrl;
        this.batchSize = batchSize;
    }

    public void login(String username, String password) throws IOException {
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(base + "/token.php?action=get"
                + "&format=json&username=" + enc(username) + "&password=" + enc(password)))
                .GET());
        if (!answer.path("success").asBoolean()) {
            throw new IllegalStateException("login refused: " + answer.path("error").asText());
        }
        token = answer.get("token").asText();
    }

    /**
     * The campaign table of a dataset of the caller's centre, asked of {@code ecnow_datasets}
     * read; empty when the centre has no such dataset.
     */
    public Optional<String> tableOf(String dataset) throws IOException {
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(base + "/ecnow.php?"
                + "method=ecnow_datasets&action=read&format=json&token=" + token
                + "&dataset=" + enc(dataset))).GET());
        if (!answer.path("success").asBoolean()) {
            throw new IllegalStateException("dataset " + dataset + " refused: "
                    + answer.path("error").asText());
        }
        for (JsonNode item : answer.path("list")) {
            if (item.path("dataset").asText().equals(dataset.trim())) {
                return Optional.of(item.path("table").asText());
            }
        }
        return Optional.empty();
    }

    /** Loads every row; {@code progress} hears the number of rows done after each batch. */
    public Result load(CsvLeads.Sheet sheet, String dataset, IntConsumer progress)
            throws IOException {
        int good = 0;
        List<List<String>> bad = new ArrayList<>();
        List<List<String>> rows = sheet.rows();
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<List<String>> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
            JsonNode answer = post(body(sheet.header(), batch, dataset));
            if (!answer.path("success").asBoolean()) {
                throw new IllegalStateException("load refused: " + answer.path("error").asText());
            }
            good += answer.path("total").asInt();
            for (JsonNode e : answer.path("errors")) {
                List<String> row = new ArrayList<>(batch.get(e.get("index").asInt()));
                row.add(e.get("error").asText());
                bad.add(row);
            }
            progress.accept(from + batch.size());
        }
        return new Result(good, bad.size(), bad);
    }

    private static String body(List<String> header, List<List<String>> batch, String dataset) {
        ArrayNode array = JSON.createArrayNode();
        for (List<String> row : batch) {
            ObjectNode o = array.addObject();
            o.put("dataset", dataset);
            for (int i = 0; i < header.size(); i++) {
                if (!header.get(i).isEmpty() && !row.get(i).isEmpty()) {
                    o.put(header.get(i), row.get(i));
                }
            }
        }
        return array.toString();
    }

    private JsonNode post(String body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/ecnow.php?method=ecnow_records"
                        + "&action=create&format=json&token=" + token))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return JSON.readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Writes the refused rows, with a last column {@code reason}, as CSV. */
    public static void writeBad(Path file, List<String> header, List<List<String>> bad)
            throws IOException {
        List<String> columns = new ArrayList<>(header);
        columns.add("reason");
        StringBuilder out = new StringBuilder();
        CsvMapper csv = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withLineSeparator("\r\n");
        out.append(csv.writer(schema).writeValueAsString(columns));
        for (List<String> row : bad) {
            out.append(csv.writer(schema).writeValueAsString(row));
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
