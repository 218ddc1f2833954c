package org.opendialler.cli;

import org.opendialler.server.OpenDiallerServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point of the {@code opendialler} command. */
@Command(name = "opendialler",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A self-hosted contact centre that speaks the ContactNow API v2.",
        subcommands = {ServeCommand.class, DemoCommand.class, CentreCommand.class,
            UserCommand.class, ExportCommand.class, ImportCommand.class, ReportCommand.class,
            WarmUpCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0 || !ServeCommand.isServing()) {
            System.exit(code);
        }
    }

    /** The command line with its error handling, as {@link #main} runs it. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
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
