package org.opendialler.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.opendialler.server.OpenDiallerServer;
import org.opendialler.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point of the {@code opendialler} command. */
@Command(name = "opendialler",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A self-hosted contact centre that speaks the ContactNow API v2.")
public final class Main {

    /** The subcommands, in the order the help lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    /** The subcommands that start a server, so open a database soon after parsing. */
    private static final Set<String> SERVERS = Set.of("serve", "demo");

    public static void main(String[] args) {
        if (args.length > 0 && SERVERS.contains(args[0])) {
            Database.warmUpJooq();
        }
        int code = commandLine(args).execute(args);
        if (code != 0 || !ServeCommand.isServing()) {
            System.exit(code);
        }
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("serve", ServeCommand::new);
        all.put("demo", DemoCommand::new);
        all.put("centre", CentreCommand::new);
        all.put("user", UserCommand::new);
        all.put("export", ExportCommand::new);
        all.put("import", ImportCommand::new);
        all.put("report", ReportCommand::new);
        all.put("warm-up", WarmUpCommand::new);
        return all;
    }

    /** The command line with every subcommand and its error handling. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}, as {@link #main} runs it: when the first argument
     * names a subcommand, only that one is built, because picocli reflects over every command
     * it is given before parsing (0.3 to 0.5 s of CPU at each start, measured).
     */
    public static CommandLine commandLine(String... args) {
        String first = args.length > 0 ? args[0] : "";
        CommandLine cli = new CommandLine(new Main());
        SUBCOMMANDS.forEach((name, command) -> {
            if (!SUBCOMMANDS.containsKey(first) || name.equals(first)) {
                cli.addSubcommand(name, command.get());
            }
        });
        cli.addSubcommand("help", new CommandLine.HelpCommand());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                line.getErr().println("opendialler: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"opendialler " + OpenDiallerServer.version()};
        }
    }
}
