package dev.stracewb;

import dev.stracewb.cli.BatchJit;
import dev.stracewb.cli.StracewbCommand;
import dev.stracewb.ui.GuiCommand;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point. With no arguments it opens the workbench; with arguments it is the command line. This class
 * does not extend a JavaFX Application, so the shaded jar starts without a module path.
 *
 * <p>The {@code gui} command lives in the ui package, which the cli package must not import; it is added to the
 * command line here, so {@code stracewb --help} lists it with the others.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            args = new String[] {GuiCommand.NAME};
        }
        BatchJit.startEarly(args);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(GuiCommand.NAME, new GuiCommand());
        // exit explicitly: after the window closes, daemon threads (ingest, capture) may still be winding down
        System.exit(StracewbCommand.execute(extra, args));
    }
}
