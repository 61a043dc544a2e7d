package dev.stracewb.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in this JVM with captured output, configured as {@link StracewbCommand#execute} does. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new StracewbCommand());
        cl.getSubcommands().get("run").setStopAtPositional(true);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("stracewb: " + UserMessages.of(ex));
            return ExitCodes.FAILURE;
        });
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
