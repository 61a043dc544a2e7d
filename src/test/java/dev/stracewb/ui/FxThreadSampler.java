package dev.stracewb.ui;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** For the benchmark: samples the FX thread's stack every few ms and counts where it spends its time. */
final class FxThreadSampler {
    private final Map<String, Integer> counts = new HashMap<>();
    private volatile boolean running;
    private Thread thread;

    void start() {
        running = true;
        thread = new Thread(() -> {
            Thread fx = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("JavaFX Application Thread")).findFirst().orElse(null);
            while (running && fx != null) {
                StackTraceElement[] st = fx.getStackTrace();
                if (st.length > 0 && !st[0].getMethodName().equals("wait") && !st[0].getClassName().contains("InvokeLaterDispatcher")
                        && !(st[0].getClassName().equals("jdk.internal.misc.Unsafe") && st[0].getMethodName().equals("park"))) {
                    String ours = "-";
                    String pulse = "";
                    for (StackTraceElement e : st) {
                        if (ours.equals("-") && e.getClassName().startsWith("dev.stracewb")) {
                            ours = e.getClassName().replaceAll(".*\\.", "") + "." + e.getMethodName() + ":" + e.getLineNumber();
                        }
                        if (e.getMethodName().equals("pulse") || e.getClassName().endsWith("PaintCollector")) {
                            pulse = " [pulse]";
                        }
                    }
                    StringBuilder k = new StringBuilder();
                    for (int i = 0; i < Math.min(st.length, Integer.getInteger("stracewb.bench.depth", 1)); i++) {
                        k.append(st[i].getClassName().replaceAll(".*\\.", "")).append('.').append(st[i].getMethodName())
                                .append(':').append(st[i].getLineNumber()).append(" < ");
                    }
                    String key = k + "  | ours: " + ours + pulse + owners(st);
                    counts.merge(key, 1, Integer::sum);
                }
                try {
                    Thread.sleep(Integer.getInteger("stracewb.bench.sample.period", 5));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** With -Dstracewb.bench.owners: the innermost RichTextFX, control-skin and Flowless frames, to tell views apart. */
    private static String owners(StackTraceElement[] st) {
        if (!Boolean.getBoolean("stracewb.bench.owners")) {
            return "";
        }
        String rich = null;
        String skin = null;
        String flow = null;
        for (StackTraceElement e : st) {
            String c = e.getClassName();
            String at = c.replaceAll(".*\\.", "") + "." + e.getMethodName();
            if (rich == null && c.startsWith("org.fxmisc.richtext")) {
                rich = at;
            } else if (skin == null && c.startsWith("javafx.scene.control.skin")) {
                skin = at;
            } else if (flow == null && c.startsWith("org.fxmisc.flowless")) {
                flow = at;
            }
        }
        return " | rich: " + rich + " | skin: " + skin + " | flow: " + flow;
    }

    String stop(int top) {
        running = false;
        String s = counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top).map(e -> e.getValue() + "  " + e.getKey()).collect(Collectors.joining("\n"));
        counts.clear();
        return s;
    }
}
