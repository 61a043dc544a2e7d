package dev.stracewb.trace;

/** {@code --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---} */
public record SignalEvent(int row, int pid, long timeNanos, long firstLine, String signal, String info)
        implements TraceEvent {

    @Override
    public long lastLine() {
        return firstLine;
    }

    @Override
    public EventKind kind() {
        return EventKind.SIGNAL;
    }
}
