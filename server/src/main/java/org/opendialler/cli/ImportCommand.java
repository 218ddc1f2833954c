package org.opendialler.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;
import org.opendialler.ecnow.load.CsvLeads;
import org.opendialler.ecnow.load.LeadLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opendialler import}: loads a CSV of leads into a dataset over the HTTP API. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load a CSV file of leads into a dataset through the HTTP API. The "
                + "password comes from the variable OPENDIALLER_PASSWORD.")
public final class ImportCommand implements Callable<Integer> {

    @Option(names = "--url", required = true, description = "The server's base URL.")
    String url;

    @Option(names = "--username", required = true)
    String username;

    @Option(names = "--table", required = true,
            description = "The campaign table; it must be the dataset's (any letter case).")
    String table;

    @Option(names = "--dataset", required = true, description = "The dataset id.")
    String dataset;

    @Option(names = "--batch", defaultValue = "500", description = "Rows per request.")
    int batch;

    @Parameters(index = "0", description = "The CSV file; bad rows go to FILE.bad.csv.")
    Path file;

    private final Function<String, String> env;

    public ImportCommand() {
        this(System::getenv);
    }

    /** For tests: the environment is read through {@code env}. */
    public ImportCommand(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        String password = env.apply("OPENDIALLER_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password: set OPENDIALLER_PASSWORD");
        }
        LeadLoader loader = new LeadLoader(url, Math.max(1, batch));
        loader.login(username, password);

        // The dataset decides where rows go; a --table that disagrees means the operator has
        // the wrong dataset id, so nothing is loaded rather than filling someone else's table.
        String actual = loader.tableOf(dataset).orElseThrow(() -> new IllegalArgumentException(
                "Dataset [" + dataset + "] does not exist; nothing was loaded"));
        if (!actual.equalsIgnoreCase(table.trim())) {
            throw new IllegalArgumentException("Dataset [" + dataset + "] is in table ["
                    + actual + "], not [" + table + "]; nothing was loaded");
        }

        CsvLeads.Sheet sheet = CsvLeads.read(file);
        LeadLoader.Result result;
        try (ProgressBar bar = new ProgressBar("Loading " + table, sheet.rows().size())) {
            result = loader.load(sheet, dataset, bar::stepTo);
        }
        Path badFile = file.resolveSibling(file.getFileName() + ".bad.csv");
        if (result.bad() > 0) {
            LeadLoader.writeBad(badFile, sheet.header(), result.badRows());
        }
        System.out.printf("good: %d%nbad: %d%n", result.good(), result.bad());
        if (result.bad() > 0) {
            System.out.println("bad rows and reasons: " + badFile);
        }
        return 0;
    }
}
