package dev.stracewb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stracewb.analysis.FailureGroup;
import dev.stracewb.analysis.Findings;
import dev.stracewb.analysis.Hang;
import dev.stracewb.analysis.ProcessNode;
import dev.stracewb.analysis.Request;
import dev.stracewb.analysis.SourceReference;
import dev.stracewb.analysis.SourceReferences;
import dev.stracewb.analysis.Suggestion;
import dev.stracewb.analysis.SyscallStat;
import dev.stracewb.session.LineAccounting;
import dev.stracewb.session.TraceSession;

import java.util.List;
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
            n.put("unfinished", s.unfinished());
        }
        Findings findings = session.findings();
        List<FailureGroup> groups = findings.failures();
        SourceReferences.Result references = findings.references();
        Map<String, Suggestion> suggestions = findings.suggestions();
        ArrayNode failures = root.putArray("failures");
        for (FailureGroup g : groups) {
            ObjectNode n = failure(g);
            Suggestion s = suggestions.get(g.path());
            n.put("suggestion", s == null ? null : s.suggestion());
            n.put("suggestionSource", s == null ? null : s.source());
            Boolean inRoot = s == null ? null : s.extensionInDocroot();
            if (inRoot == null) {
                n.putNull("extensionInDocroot");
            } else {
                n.put("extensionInDocroot", inRoot);
                // an extension no file in the trace or under the document root has
                n.put("unusualExtension", g.unusualExtension() && !inRoot);
            }
            failures.add(n);
        }
        List<Request> requests = findings.requests();
        root.put("requestSummary", findings.requestSummary().text());
        ArrayNode reqs = root.putArray("requests");
        for (Request r : requests) {
            reqs.add(request(r));
        }
        ObjectNode docroot = root.putObject("documentRoot");
        docroot.put("path", references.root());
        docroot.put("source", references.rootSource());
        ArrayNode refs = root.putArray("references");
        for (SourceReference ref : references.references()) {
            ObjectNode n = refs.addObject();
            n.put("missing", ref.missing());
            n.put("file", ref.file());
            n.put("line", ref.line());
            n.put("text", ref.text());
        }
        root.put("referencesNote", references.note());
        List<Hang> hangs = findings.hangs();
        ArrayNode hangArray = root.putArray("hangs");
        long idle = 0;
        for (Hang h : hangs) {
            if (h.idle()) {
                idle++;
            } else {
                hangArray.add(hang(h));
            }
        }
        root.put("idleWaits", idle);
        root.put("slowThresholdMs", session.options().slowNanos() / 1e6);
        ArrayNode tree = root.putArray("processTree");
        for (ProcessNode p : findings.processes()) {
            tree.add(process(p));
        }
        return root;
    }

    static ObjectNode request(Request r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("index", r.index());
        n.put("pid", r.pid());
        n.put("protocol", r.protocol());
        n.put("connection", r.connection());
        n.put("method", r.method());
        n.put("uri", r.uri());
        if (r.status() == null) {
            n.putNull("status");
        } else {
            n.put("status", r.status());
        }
        n.put("statusSource", r.statusSource());
        n.put("scriptFilename", r.scriptFilename());
        n.put("start", r.start().isEmpty() ? null : r.start());
        n.put("durationMs", r.durationMs());
        ArrayNode f = n.putArray("failures");
        r.failures().forEach(f::add);
        n.put("hangs", r.hangRows().size());
        n.put("firstLine", r.firstLine());
        n.put("lastLine", r.lastLine());
        n.put("end", r.end());
        if (r.linked() < 0) {
            n.putNull("linked");
        } else {
            n.put("linked", r.linked());
        }
        return n;
    }

    static ObjectNode hang(Hang h) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("pid", h.pid());
        n.put("syscall", h.syscall());
        n.put("arguments", h.arguments());
        n.put("target", h.target());
        n.put("unfinished", h.unfinished());
        n.put("reason", h.reason());
        n.put("blockedMs", h.blockedMs());
        n.put("start", h.start().isEmpty() ? null : h.start());
        n.put("firstLine", h.firstLine());
        n.put("request", h.requestTitle());
        if (h.request() < 0) {
            n.putNull("requestIndex");
        } else {
            n.put("requestIndex", h.request());
        }
        return n;
    }

    static ObjectNode process(ProcessNode p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("pid", p.pid());
        if (p.ppid() == null) {
            n.putNull("ppid");
        } else {
            n.put("ppid", p.ppid());
        }
        n.put("command", p.command());
        if (p.exit() == null) {
            n.putNull("exit");
        } else {
            n.put("exit", p.exit());
        }
        n.put("signal", p.signal());
        n.put("coreDumped", p.coreDumped());
        n.put("crashed", p.crashed());
        ArrayNode threads = n.putArray("threads");
        p.threads().forEach(threads::add);
        ArrayNode children = n.putArray("children");
        p.children().forEach(children::add);
        ObjectNode signals = n.putObject("signals");
        p.signals().forEach(signals::put);
        n.put("start", p.start().isEmpty() ? null : p.start());
        n.put("firstLine", p.firstLine());
        n.put("lastLine", p.lastLine());
        return n;
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
