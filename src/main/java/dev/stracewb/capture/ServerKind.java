package dev.stracewb.capture;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The web servers whose masters and workers {@code --server NAME} finds in /proc. */
public enum ServerKind {
    APACHE2("apache2"),
    HTTPD("httpd"),
    /** Any php-fpm, including versioned binaries such as php-fpm8.2 and pool workers ("php-fpm: pool www"). */
    PHP_FPM("php-fpm"),
    NGINX("nginx");

    private final String userName;

    ServerKind(String userName) {
        this.userName = userName;
    }

    public String userName() {
        return userName;
    }

    /** Whether {@code p} is a process of this server (master or worker). */
    public boolean matches(ProcessInfo p) {
        String comm = p.comm();
        String prog = p.programName();
        return switch (this) {
            case APACHE2, HTTPD -> comm.equals(userName) || prog.equals(userName);
            case PHP_FPM -> comm.startsWith("php-fpm") || prog.startsWith("php-fpm");
            case NGINX -> comm.equals("nginx") || prog.equals("nginx") || prog.startsWith("nginx:");
        };
    }

    /** "apache2", "httpd", "nginx", "php-fpm" or a versioned "php-fpm8.2". */
    public static ServerKind fromUserName(String name) throws CaptureException {
        String n = name.toLowerCase(Locale.ROOT).strip();
        for (ServerKind k : values()) {
            if (k.userName.equals(n)) {
                return k;
            }
        }
        if (n.startsWith("php-fpm") || n.startsWith("php") && n.endsWith("-fpm")) {
            return PHP_FPM;
        }
        throw new CaptureException(CaptureException.Reason.BAD_ARGUMENTS, "unknown server '" + name + "': use one of "
                + Arrays.stream(values()).map(ServerKind::userName).collect(Collectors.joining(", ")));
    }
}
