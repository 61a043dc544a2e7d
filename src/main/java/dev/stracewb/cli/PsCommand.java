package dev.stracewb.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stracewb.capture.CaptureException;
import dev.stracewb.capture.ProcessDiscovery;
import dev.stracewb.capture.ProcessInfo;
import dev.stracewb.capture.ProcessNode;
import dev.stracewb.capture.ServerGroup;
import dev.stracewb.capture.ServerKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code stracewb ps [--server NAME]}: the processes one could attach to, as a tree. */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = {"List processes to attach to, as a tree: pid, ppid, user, threads, command.",
                "With --server: only that server's masters and workers (what attach --server would trace)."})
public final class PsCommand implements Callable<Integer> {

    @Option(names = "--server", paramLabel = "NAME", description = "apache2, httpd, php-fpm or nginx")
    String server;

    @Option(names = "--json", description = "print the tree as JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProcessDiscovery discovery = new ProcessDiscovery();
        List<ProcessNode> roots;
        if (server != null) {
            ServerKind kind;
            try {
                kind = ServerKind.fromUserName(server);
            } catch (CaptureException e) {
                err.println("stracewb: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            List<ServerGroup> groups = discovery.servers(kind);
            if (groups.isEmpty()) {
                err.println("stracewb: no " + kind.userName() + " process is running: start the server, or run "
                        + "stracewb ps without --server to see every process");
                return ExitCodes.FAILURE;
            }
            List<ProcessInfo> members = new ArrayList<>();
            for (ServerGroup g : groups) {
                members.add(g.master());
                members.addAll(g.workers());
            }
            roots = ProcessDiscovery.tree(members);
        } else {
            roots = ProcessDiscovery.tree(discovery.all().stream().filter(p -> !p.isKernelThread()).toList());
        }
        if (json) {
            ArrayNode arr = AnalysisJson.mapper().createArrayNode();
            roots.forEach(r -> arr.add(json(r)));
            out.println(AnalysisJson.mapper().writeValueAsString(arr));
        } else {
            out.printf("%7s %7s %-10s %4s  %s%n", "PID", "PPID", "USER", "THR", "COMMAND");
            for (ProcessNode r : roots) {
                print(out, r, "", "");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, ProcessNode node, String lead, String childLead) {
        ProcessInfo p = node.process();
        String cmd = p.commandLine();
        if (cmd.length() > 160) {
            cmd = cmd.substring(0, 157) + "...";
        }
        out.printf("%7d %7d %-10s %4d  %s%s%n", p.pid(), p.ppid(), p.user(), p.threads(), lead, cmd);
        List<ProcessNode> kids = node.children();
        for (int i = 0; i < kids.size(); i++) {
            boolean last = i == kids.size() - 1;
            print(out, kids.get(i), childLead + (last ? "└─ " : "├─ "), childLead + (last ? "   " : "│  "));
        }
    }

    private static ObjectNode json(ProcessNode node) {
        ProcessInfo p = node.process();
        ObjectNode n = AnalysisJson.mapper().createObjectNode();
        n.put("pid", p.pid());
        n.put("ppid", p.ppid());
        n.put("user", p.user());
        n.put("threads", p.threads());
        n.put("command", p.commandLine());
        n.put("traced", p.isTraced());
        ArrayNode kids = n.putArray("children");
        node.children().forEach(c -> kids.add(json(c)));
        return n;
    }
}
