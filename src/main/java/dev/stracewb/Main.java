package dev.stracewb;

import dev.stracewb.cli.StracewbCommand;

/**
 * Entry point. With no arguments it opens the workbench; with arguments it is the command line. This class
 * does not extend a JavaFX Application, so the shaded jar starts without a module path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            args = new String[] {"gui"};
        }
        System.exit(StracewbCommand.execute(args));
    }
}
