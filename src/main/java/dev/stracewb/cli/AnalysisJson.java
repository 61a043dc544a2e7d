package dev.stracewb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stracewb.analysis.FailureGroup;
import dev.stracewb.analysis.SyscallStat;
import dev.stracewb.session.LineAccounting;
import dev.stracewb.session.TraceSession;

import java.util.Map;

/** The {@code analyze --json} document (schema in README.md, "JSON output"). */
public final class AnalysisJson {
    public static final String SCHEMA = "stracewb-analysis/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AnalysisJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode of(TraceSession session) {
        ObjectNode root = MAPPER.createObjectNode();
        LineAccounting acc = session.accounting();
        root.put("schema", SCHEMA);
        root.put("source", session.name());
        root.put("timeFormat", session.store().timeFormat().name().toLowerCase(java.util.Locale.ROOT));
        root.put("lines", acc.lines());
        root.put("events", session.stats().totalCalls());
        root.put("unparsed", acc.unparsedLines());
        root.put("processes", session.processes().count());
        ObjectNode accounting = root.putObject("lineAccounting");
        accounting.put("eventLines", acc.eventLines());
        accounting.put("resumedLines", acc.resumedLines());
        accounting.put("nonEventLines", acc.nonEventLines());
        accounting.put("unparsedLines", acc.unparsedLines());
        ObjectNode syscalls = root.putObject("syscalls");
        for (SyscallStat s : session.syscallTable()) {
            ObjectNode n = syscalls.putObject(s.name());
            n.put("calls", s.calls());
            n.put("errors", s.errors());
            n.put("seconds", Math.round(s.seconds() * 1e6) / 1e6);
        }
        ArrayNode failures = root.putArray("failures");
        for (FailureGroup g : session.failures()) {
            failures.add(failure(g));
        }
        return root;
    }

    static ObjectNode failure(FailureGroup g) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("path", g.path());
        n.put("count", g.count());
        ObjectNode errnos = n.putObject("errnos");
        for (Map.Entry<String, Long> e : g.errnos().entrySet()) {
            errnos.put(e.getKey(), e.getValue());
        }
        ArrayNode syscalls = n.putArray("syscalls");
        g.syscalls().forEach(syscalls::add);
        ArrayNode pids = n.putArray("pids");
        g.pids().forEach(pids::add);
        n.put("firstLine", g.firstLine());
        n.put("lastLine", g.lastLine());
        if (g.firstTime().isEmpty()) {
            n.putNull("firstTime");
        } else {
            n.put("firstTime", g.firstTime());
        }
        n.put("extension", g.extension());
        n.put("unusualExtension", g.unusualExtension());
        n.put("expected", g.expected());
        return n;
    }
}
