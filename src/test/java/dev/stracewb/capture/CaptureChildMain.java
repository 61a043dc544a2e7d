package dev.stracewb.capture;

import java.nio.file.Path;

/**
 * A capture in a JVM of its own, for tests that kill that JVM or run it as another user.
 * Usage: {@code attach PID SAVEFILE [pdeathsig|lifeline|sudo]} ({@code sudo}: strace through {@code sudo -n}, under
 * the lifeline as the CLI's {@code --sudo} does). Prints {@code ATTACHED STRACEPID} once strace has
 * attached, or {@code ERROR REASON MESSAGE}; then reads the trace until strace ends.
 */
public final class CaptureChildMain {

    private CaptureChildMain() {
    }

    public static void main(String[] args) throws Exception {
        int pid = Integer.parseInt(args[1]);
        Path save = Path.of(args[2]);
        String mode = args.length > 3 ? args[3] : "pdeathsig";
        boolean sudo = mode.equals("sudo");
        StraceCommand.Launcher launcher = sudo ? null
                : mode.equals("lifeline") ? StraceCommand.Launcher.LIFELINE : StraceCommand.Launcher.PDEATHSIG;
        StraceCaptureSource capture;
        try {
            capture = StraceCaptureSource.start(CaptureRequest.attachPids(pid).withSaveFile(save).withSudo(sudo), null,
                    launcher);
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
