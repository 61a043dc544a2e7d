package dev.stracewb.ui;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code stracewb gui [FILE]}: opens the workbench, with a trace if one is named. Main adds this command to the
 * CLI's command line, so the cli package never imports the ui.
 */
@Command(name = GuiCommand.NAME, mixinStandardHelpOptions = true,
        description = {"Open the workbench (the default when stracewb is started without arguments).",
                "FILE may be a plain trace, a .gz, or an -ff directory or prefix."})
public final class GuiCommand implements Callable<Integer> {
    public static final String NAME = "gui";

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "strace output to open")
    String file;

    @Option(names = "--sample", description = "open the sample incident (a recorded apache2 + mod_php outage)")
    boolean sample;

    @Spec
    CommandSpec spec;

    /** Held so the level set on it stays: JavaFX warns about running from the classpath, which the jar does on purpose. */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    @Override
    public Integer call() {
        String problem = DisplayCheck.problem();
        if (problem != null) {
            spec.commandLine().getErr().println("stracewb: " + problem);
            return 1;
        }
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            WorkbenchApp.launch(new StartRequest(file == null ? null : Path.of(file).toAbsolutePath(), sample));
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("stracewb: cannot open the workbench: " + Messages.of(e)
                    + " (the command line works without a display: stracewb analyze FILE)");
            return 1;
        }
        return 0;
    }
}
