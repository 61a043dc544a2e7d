package dev.stracewb.capture;

import java.util.List;

/**
 * One process as /proc shows it at the moment it was read.
 *
 * @param pid       process id
 * @param ppid      parent's pid (0 for init and kernel roots)
 * @param uid       real user id
 * @param user      user name for {@code uid}, or the number
 * @param threads   number of threads
 * @param state     the state letter from /proc/PID/stat (R, S, D, T, t, Z...)
 * @param comm      the kernel's short name (at most 15 bytes)
 * @param cmdline   the command line words; empty for kernel threads and zombies
 * @param cpuTicks  user + system CPU time, in clock ticks
 * @param tracerPid the pid of the process tracing it, 0 if none
 */
public record ProcessInfo(int pid, int ppid, int uid, String user, int threads, char state, String comm,
                          List<String> cmdline, long cpuTicks, int tracerPid) {

    public ProcessInfo {
        cmdline = List.copyOf(cmdline);
    }

    /** The command line as one string, or {@code [comm]} for a kernel thread, as ps shows it. */
    public String commandLine() {
        return cmdline.isEmpty() ? "[" + comm + "]" : String.join(" ", cmdline);
    }

    /** The last path element of argv[0] (or comm): "apache2", "php-fpm: master process (...)". */
    public String programName() {
        if (cmdline.isEmpty() || cmdline.get(0).isEmpty()) {
            return comm;
        }
        String a0 = cmdline.get(0);
        int space = a0.indexOf(' ');
        int slash = a0.lastIndexOf('/', space < 0 ? a0.length() - 1 : space);
        return slash < 0 ? a0 : a0.substring(slash + 1);
    }

    public boolean isKernelThread() {
        return cmdline.isEmpty() && state != 'Z';
    }

    public boolean isTraced() {
        return tracerPid != 0;
    }
}
