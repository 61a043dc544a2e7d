package dev.stracewb.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free ports on 127.0.0.1, for private servers that must never clash with the system's or each other's. */
public final class FreePort {

    private FreePort() {
    }

    /** A port that is free for TCP and for UDP on 127.0.0.1 right now, other than {@code except}. */
    public static int find(int except) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.setReuseAddress(false);
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                port = tcp.getLocalPort();
            }
            if (port != except && udpFree(port)) {
                return port;
            }
        }
        throw new IOException("no free port on 127.0.0.1 after 50 attempts");
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
