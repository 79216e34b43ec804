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
        subcommands = {RenderCommand.class, BenchCommand.class, SampleAssetsCommand.class,
                dev.segue.tools.compose.ComposeCommand.class,
                CommandLine.HelpCommand.class})
public final class SegueCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for {@link #main} and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new SegueCli());
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
