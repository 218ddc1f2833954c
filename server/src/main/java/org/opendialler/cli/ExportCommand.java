package org.opendialler.cli;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.opendialler.client.ContactNowClient;
import org.opendialler.client.Page;
import org.opendialler.client.RecordQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code opendialler export records|cdr}: writes records of a campaign table, or call detail
 * records of a time range, to CSV through the public API, with a progress bar on the terminal.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export records or CDRs to CSV through the API.")
public final class ExportCommand implements Callable<Integer> {

    private final java.util.function.Function<String, String> env;

    public ExportCommand() {
        this(System::getenv);
    }

    /** For tests: the environment (the password) is read through {@code env}. */
    public ExportCommand(java.util.function.Function<String, String> env) {
        this.env = env;
    }

    @Mixin
    ClientOptions connection;

    @Parameters(index = "0", description = "What to export: records or cdr.")
    String what;

    @Option(names = "--table", description = "records: the campaign table.")
    String table;

    @Option(names = "--dataset", description = "records: only this dataset.")
    Long dataset;

    @Option(names = "--from", description = "cdr: start of the range, Unix seconds.")
    Long from;

    @Option(names = "--to", description = "cdr: end of the range, Unix seconds (inclusive).")
    Long to;

    @Option(names = "--fields", description = "cdr: comma list of fields (default: the usual "
            + "ones).", defaultValue = "callid,tm_init,qid,qnm,qtable,aid,anm,dsid,urn,ddi,cli,"
            + "cres,ocid,ocnm,sec_ring,sec_dur,flags")
    String fields;

    @Option(names = "--out", description = "Output file (default: standard output).")
    Path out;

    @Override
    public Integer call() throws IOException {
        ContactNowClient client = connection.client(env);
        try (OutputStream stream = out == null ? System.out : Files.newOutputStream(out);
                Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
            long rows = switch (what) {
                case "records" -> records(client, writer);
                case "cdr" -> cdr(client, writer);
                default -> throw new IllegalArgumentException(
                        "export what? records or cdr, not '" + what + "'");
            };
            writer.flush();
            System.err.println("exported " + rows + " rows");
        }
        return 0;
    }

    private long records(ContactNowClient client, Writer writer) throws IOException {
        if (table == null) {
            throw new IllegalArgumentException("export records needs --table");
        }
        RecordQuery query = new RecordQuery().table(table);
        if (dataset != null) {
            query.dataset(dataset);
        }
        long total = client.records().read(new RecordQuery().table(table).limit(1)
                .start(0)).total();
        Iterator<Map<String, String>> it = client.records().iterate(query);
        try (ProgressBar bar = bar("records", total)) {
            return write(writer, it, bar);
        }
    }

    private long cdr(ContactNowClient client, Writer writer) throws IOException {
        if (from == null || to == null) {
            throw new IllegalArgumentException("export cdr needs --from and --to");
        }
        List<String> names = Arrays.asList(fields.split(","));
        Page first = client.reports().cdr(names, from, to, Map.of("limit", "1"));
        try (ProgressBar bar = bar("CDRs", first.total())) {
            Iterator<Map<String, String>> it = client.reports().cdrAll(names, from, to,
                    Map.of());
            return write(writer, it, bar);
        }
    }

    private static ProgressBar bar(String unit, long total) {
        return new ProgressBarBuilder().setTaskName("Exporting " + unit).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new StderrConsumer()).build();
    }

    private static long write(Writer writer, Iterator<Map<String, String>> rows,
            ProgressBar bar) throws IOException {
        CsvMapper csv = new CsvMapper();
        csv.enable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS);
        List<String> header = null;
        long count = 0;
        while (rows.hasNext()) {
            Map<String, String> row = rows.next();
            if (header == null) {
                header = new ArrayList<>(row.keySet());
                writer.write(line(csv, header));
            }
            Map<String, String> ordered = new LinkedHashMap<>();
            header.forEach(h -> ordered.put(h, row.get(h)));
            writer.write(line(csv, new ArrayList<>(ordered.values())));
            count++;
            bar.step();
        }
        return count;
    }

    private static String line(CsvMapper csv, List<String> cells) throws IOException {
        List<String> safe = cells.stream().map(c -> c == null ? "" : c).toList();
        return csv.writer(CsvSchema.emptySchema().withLineSeparator("\r\n"))
                .writeValueAsString(safe);
    }
}
