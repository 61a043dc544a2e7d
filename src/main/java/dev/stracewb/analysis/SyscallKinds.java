package dev.stracewb.analysis;

import dev.stracewb.store.EventStore;

import java.util.Arrays;

/**
 * What a collector wants to know about a syscall name, cached by the store's name id, so the per-row check is an
 * array read and the raw line is read back only for the calls that matter.
 */
final class SyscallKinds {
    static final byte OTHER = 1;
    static final byte ACCEPT = 2;
    static final byte READ = 3;
    static final byte WRITE = 4;
    static final byte CLOSE = 5;
    static final byte SHUTDOWN = 6;
    static final byte CONNECT = 7;
    static final byte SENDTO = 8;
    static final byte SENDFILE = 9;

    private byte[] kinds = new byte[64];

    byte of(EventStore store, int row) {
        int id = store.nameId(row);
        if (id < 0) {
            return OTHER;
        }
        if (id >= kinds.length) {
            kinds = Arrays.copyOf(kinds, Math.max(id + 1, kinds.length * 2));
        }
        byte k = kinds[id];
        if (k == 0) {
            k = classify(store.names().get(id));
            kinds[id] = k;
        }
        return k;
    }

    static byte classify(String name) {
        return switch (name) {
            case "accept", "accept4" -> ACCEPT;
            case "read", "recvfrom", "recv", "readv", "recvmsg" -> READ;
            case "write", "writev", "send", "sendmsg" -> WRITE;
            case "sendto" -> SENDTO;
            case "sendfile", "sendfile64" -> SENDFILE;
            case "close" -> CLOSE;
            case "shutdown" -> SHUTDOWN;
            case "connect" -> CONNECT;
            default -> OTHER;
        };
    }

    /** The argument that holds the data of a read or write call (readv/writev/sendmsg/recvmsg: the iovec). */
    static boolean dataIsVector(String name) {
        return name.equals("readv") || name.equals("writev") || name.equals("sendmsg") || name.equals("recvmsg");
    }
}
