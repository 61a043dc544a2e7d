package dev.stracewb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code stracewb} command: a workbench for debugging web-server incidents with strace. */
@Command(name = "stracewb",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "strace-workbench: find why a web server fails, from strace output.",
        subcommands = {
                AnalyzeCommand.class,
                DiffCommand.class,
                RunCommand.class,
                AttachCommand.class,
                PsCommand.class,
                CommandLine.HelpCommand.class
        })
public final class StracewbCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI and returns the process exit code. */
    public static int execute(String... args) {
        return execute(java.util.Map.of(), args);
    }

    /** Runs the CLI writing to the given streams instead of stdout and stderr (tests, embedding). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = commandLine(java.util.Map.of());
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Runs the CLI with more subcommands than this package knows (Main adds the ui's {@code gui} command, which
     * this package must not import), so they are dispatched and listed in {@code --help} like the others.
     */
    public static int execute(java.util.Map<String, Object> extraSubcommands, String... args) {
        int plain = AnalyzeCommand.runPlain(args, () -> stdWriter(System.out, "sun.stdout.encoding"),
                () -> stdWriter(System.err, "sun.stderr.encoding"));
        if (plain >= 0) {
            return plain;
        }
        return commandLine(extraSubcommands).execute(args);
    }

    /** The writer picocli makes for stdout or stderr by default (CommandLine.getOut, getErr), made the same way. */
    static java.io.PrintWriter stdWriter(java.io.OutputStream stream, String encodingProperty) {
        String name = System.getProperty(encodingProperty);
        java.nio.charset.Charset charset;
        if (name == null) {
            charset = java.nio.charset.Charset.defaultCharset();
        } else {
            try {
                charset = java.nio.charset.Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
            } catch (RuntimeException e) {
                charset = java.nio.charset.Charset.defaultCharset();
            }
        }
        return new java.io.PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, charset)),
                true);
    }

    private static CommandLine commandLine(java.util.Map<String, Object> extraSubcommands) {
        CommandLine cl = new CommandLine(new StracewbCommand());
        extraSubcommands.forEach(cl::addSubcommand);
        // run's words after CMD belong to CMD: `stracewb run ls -l` must not read -l as an option of ours
        cl.getSubcommands().get("run").setStopAtPositional(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("stracewb: " + UserMessages.of(ex));
            return ExitCodes.FAILURE;
        });
        return cl;
    }
}
