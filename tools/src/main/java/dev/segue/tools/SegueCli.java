package dev.segue.tools;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code segue} command line: {@code render}, {@code bench mix}, {@code sample-assets}, {@code compose}. */
@Command(name = "segue",
        mixinStandardHelpOptions = true,
        versionProvider = SegueCli.Version.class,
        description = "Segue, an adaptive game-music runtime: offline tools.",
        subcommands = {RenderCommand.class, dev.segue.tools.validate.ValidateCommand.class,
                dev.segue.tools.matrix.MatrixCommand.class, ScanCommand.class, AnalyzeCommand.class,
                BenchCommand.class, SampleAssetsCommand.class, dev.segue.tools.compose.ComposeCommand.class,
                CommandLine.HelpCommand.class})
public final class SegueCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for {@link #main} and for tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SegueCli());
        // every error a command foresees is a plain message; anything else is a bug: a report file, one line
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof java.io.IOException || cause instanceof java.io.UncheckedIOException) {
                line.getErr().println("segue: " + cause.getMessage()); // a file or a folder the user named: their error to fix
                return 1;
            }
            java.nio.file.Path report = dev.segue.report.BugReport.write("segue " + line.getCommandName(), cause);
            line.getErr().println("segue: internal error (" + cause + "). This is a bug in Segue; please send "
                    + (report != null ? report : "this message") + " with your report (see \"Reporting a bug\" in the README).");
            return 70; // EX_SOFTWARE
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The tools' version, from the build. */
    static String version() {
        try (InputStream in = SegueCli.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "unknown";
    }

    /** Feeds {@code --version}. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "segue " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                        + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
