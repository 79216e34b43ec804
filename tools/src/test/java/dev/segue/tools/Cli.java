package dev.segue.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the real {@code segue} command line in-process, capturing what it prints. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        CommandLine cmd = SegueCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** Both streams, for failure messages. */
    String all() {
        return "--- stdout\n" + out + "--- stderr\n" + err;
    }
}
