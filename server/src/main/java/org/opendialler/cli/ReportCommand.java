package org.opendialler.cli;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.opendialler.client.CallsField;
import org.opendialler.client.Page;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opendialler report}: a {@code calls} report printed as a table. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print a calls report (reporting.php?method=calls) as a table.")
public final class ReportCommand implements Callable<Integer> {

    private final java.util.function.Function<String, String> env;

    public ReportCommand() {
        this(System::getenv);
    }

    /** For tests: the environment (the password) is read through {@code env}. */
    public ReportCommand(java.util.function.Function<String, String> env) {
        this.env = env;
    }

    @Mixin
    ClientOptions connection;

    @Option(names = "--groupby", defaultValue = "qtable,qnm,P1D",
            description = "Comma list of fields to group by (default ${DEFAULT-VALUE}).")
    String groupBy;

    @Option(names = "--fields", defaultValue = "nc_all,nc_ans,oc_abdn,oc_sale,sec_talk",
            description = "Comma list of metrics (default ${DEFAULT-VALUE}).")
    String metrics;

    @Option(names = "--from", description = "Start, Unix seconds (default: today 00:00 UTC).")
    Long from;

    @Option(names = "--to", description = "End, Unix seconds, inclusive (default: now).")
    Long to;

    @Override
    public Integer call() {
        List<CallsField> groups = fields(groupBy);
        List<CallsField> all = new ArrayList<>(groups);
        all.addAll(fields(metrics));
        long start = from != null ? from
                : LocalDate.now(ZoneId.of("UTC")).atStartOfDay(ZoneId.of("UTC")).toEpochSecond();
        long stop = to != null ? to : System.currentTimeMillis() / 1000;
        Page page = connection.client(env).reports().calls(all, groups, start, stop, Map.of());
        List<String> columns = all.stream().map(CallsField::wire).toList();
        System.out.print(Table.render(columns, page.rows()));
        return 0;
    }

    private static List<CallsField> fields(String list) {
        List<CallsField> out = new ArrayList<>();
        for (String name : Arrays.asList(list.split(","))) {
            String n = name.trim();
            try {
                out.add(CallsField.valueOf(n.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown calls field: " + n);
            }
        }
        return out;
    }
}
