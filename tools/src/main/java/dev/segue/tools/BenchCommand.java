package dev.segue.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code segue bench}: performance measurements; see its subcommands. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = SegueCli.Version.class,
        description = "Measures the engine's speed.",
        subcommands = {BenchMixCommand.class, BenchDecodeCommand.class, BenchStreamCommand.class,
                CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
