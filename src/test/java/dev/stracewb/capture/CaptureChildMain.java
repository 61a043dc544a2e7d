package dev.stracewb.capture;

import java.nio.file.Path;

/**
 * A capture in a JVM of its own, for tests that kill that JVM or run it as another user.
 * Usage: {@code attach PID SAVEFILE [pdeathsig|lifeline]}. Prints {@code ATTACHED STRACEPID} once strace has
 * attached, or {@code ERROR REASON MESSAGE}; then reads the trace until strace ends.
 */
public final class CaptureChildMain {

    private CaptureChildMain() {
    }

    public static void main(String[] args) throws Exception {
        int pid = Integer.parseInt(args[1]);
        Path save = Path.of(args[2]);
        StraceCommand.Launcher launcher = args.length > 3 && args[3].equals("lifeline")
                ? StraceCommand.Launcher.LIFELINE : StraceCommand.Launcher.PDEATHSIG;
        StraceCaptureSource capture;
        try {
            capture = StraceCaptureSource.start(CaptureRequest.attachPids(pid).withSaveFile(save), null, launcher);
        } catch (CaptureException e) {
            System.out.println("ERROR " + e.reason() + " " + e.getMessage());
            System.out.flush();
            System.exit(1);
            return;
        }
        System.out.println("ATTACHED " + capture.pid());
        System.out.flush();
        capture.readLines((buf, off, len, filePid) -> { });
        System.out.println("ENDED " + capture.result().map(CaptureResult::reason).orElse(null));
    }
}
