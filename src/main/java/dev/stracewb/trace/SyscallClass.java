package dev.stracewb.trace;

/** Coarse families of syscalls, as a user filters them (strace's %file, %process, %network, %memory, ...). */
public enum SyscallClass {
    FILE, PROCESS, NETWORK, MEMORY, SIGNAL, IPC, DESC, OTHER
}
