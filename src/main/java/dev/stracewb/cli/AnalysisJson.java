package dev.stracewb.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The {@code analyze --json} document (schema in README.md and analysis.md). Written as a stream with
 * jackson-core, so {@code analyze --json} neither builds a tree of a few million nodes for a big trace nor pays
 * for starting jackson-databind; {@link #of} gives the same document as a tree for callers that want one.
 */
public final class AnalysisJson {
    public static final String SCHEMA = "stracewb-analysis/1";
    private static final JsonFactory FACTORY = new JsonFactory();

    private AnalysisJson() {
    }

    /** Created on first use: the streaming path of analyze never needs it. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    /** The document as a tree (parsed back from the stream; for callers that edit or embed it). */
    public static ObjectNode of(TraceSession session) {
        StringWriter w = new StringWriter();
        write(session, w);
        try {
            return (ObjectNode) mapper().readTree(w.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the document, indented as ObjectMapper's INDENT_OUTPUT does, to {@code out} (not closed). */
    public static void write(TraceSession session, Writer out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            root(session, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void root(TraceSession session, JsonGenerator g) throws IOException {
        LineAccounting acc = session.accounting();
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeStringField("source", session.name());
        g.writeStringField("timeFormat", session.store().timeFormat().name().toLowerCase(java.util.Locale.ROOT));
        g.writeNumberField("lines", acc.lines());
        g.writeNumberField("events", session.stats().totalCalls());
        g.writeNumberField("unparsed", acc.unparsedLines());
        g.writeNumberField("processes", session.processes().count());
        g.writeObjectFieldStart("lineAccounting");
        g.writeNumberField("eventLines", acc.eventLines());
        g.writeNumberField("resumedLines", acc.resumedLines());
        g.writeNumberField("nonEventLines", acc.nonEventLines());
        g.writeNumberField("unparsedLines", acc.unparsedLines());
        g.writeEndObject();
        g.writeObjectFieldStart("syscalls");
        for (SyscallStat s : session.syscallTable()) {
            g.writeObjectFieldStart(s.name());
            g.writeNumberField("calls", s.calls());
            g.writeNumberField("errors", s.errors());
            g.writeNumberField("seconds", Math.round(s.seconds() * 1e6) / 1e6);
            g.writeNumberField("unfinished", s.unfinished());
            g.writeEndObject();
        }
        g.writeEndObject();
        Findings findings = session.findings();
        List<FailureGroup> groups = findings.failures();
        SourceReferences.Result references = findings.references();
        Map<String, Suggestion> suggestions = findings.suggestions();
        g.writeArrayFieldStart("failures");
        for (FailureGroup f : groups) {
            Suggestion s = suggestions.get(f.path());
            Boolean inRoot = s == null ? null : s.extensionInDocroot();
            // an extension no file in the trace or under the document root has
            boolean unusual = inRoot == null ? f.unusualExtension() : f.unusualExtension() && !inRoot;
            g.writeStartObject();
            failureFields(f, unusual, g);
            nullableString(g, "suggestion", s == null ? null : s.suggestion());
            nullableString(g, "suggestionSource", s == null ? null : s.source());
            if (inRoot == null) {
                g.writeNullField("extensionInDocroot");
            } else {
                g.writeBooleanField("extensionInDocroot", inRoot);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("requestSummary", findings.requestSummary().text());
        g.writeArrayFieldStart("requests");
        for (Request r : findings.requests()) {
            request(r, g);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("documentRoot");
        nullableString(g, "path", references.root());
        nullableString(g, "source", references.rootSource());
        g.writeEndObject();
        g.writeArrayFieldStart("references");
        for (SourceReference ref : references.references()) {
            g.writeStartObject();
            nullableString(g, "missing", ref.missing());
            nullableString(g, "file", ref.file());
            g.writeNumberField("line", ref.line());
            nullableString(g, "text", ref.text());
            g.writeEndObject();
        }
        g.writeEndArray();
        nullableString(g, "referencesNote", references.note());
        long idle = 0;
        g.writeArrayFieldStart("hangs");
        for (Hang h : findings.hangs()) {
            if (h.idle()) {
                idle++;
            } else {
                hang(h, g);
            }
        }
        g.writeEndArray();
        g.writeNumberField("idleWaits", idle);
        g.writeNumberField("slowThresholdMs", session.options().slowNanos() / 1e6);
        g.writeArrayFieldStart("processTree");
        for (ProcessNode p : findings.processes()) {
            process(p, g);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void nullableString(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    private static void nullableNumber(JsonGenerator g, String name, Number value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else if (value instanceof Double || value instanceof Float) {
            g.writeNumberField(name, value.doubleValue());
        } else {
            g.writeNumberField(name, value.longValue());
        }
    }

    private static void request(Request r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", r.index());
        g.writeNumberField("pid", r.pid());
        nullableString(g, "protocol", r.protocol());
        nullableString(g, "connection", r.connection());
        nullableString(g, "method", r.method());
        nullableString(g, "uri", r.uri());
        nullableNumber(g, "status", r.status());
        nullableString(g, "statusSource", r.statusSource());
        nullableString(g, "scriptFilename", r.scriptFilename());
        nullableString(g, "start", r.start().isEmpty() ? null : r.start());
        nullableNumber(g, "durationMs", r.durationMs());
        g.writeArrayFieldStart("failures");
        for (String f : r.failures()) {
            g.writeString(f);
        }
        g.writeEndArray();
        g.writeNumberField("hangs", r.hangRows().size());
        g.writeNumberField("firstLine", r.firstLine());
        g.writeNumberField("lastLine", r.lastLine());
        nullableString(g, "end", r.end());
        if (r.linked() < 0) {
            g.writeNullField("linked");
        } else {
            g.writeNumberField("linked", r.linked());
        }
        g.writeEndObject();
    }

    private static void hang(Hang h, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("pid", h.pid());
        nullableString(g, "syscall", h.syscall());
        nullableString(g, "arguments", h.arguments());
        nullableString(g, "target", h.target());
        g.writeBooleanField("unfinished", h.unfinished());
        nullableString(g, "reason", h.reason());
        nullableNumber(g, "blockedMs", h.blockedMs());
        nullableString(g, "start", h.start().isEmpty() ? null : h.start());
        g.writeNumberField("firstLine", h.firstLine());
        nullableString(g, "request", h.requestTitle());
        if (h.request() < 0) {
            g.writeNullField("requestIndex");
        } else {
            g.writeNumberField("requestIndex", h.request());
        }
        g.writeEndObject();
    }

    private static void process(ProcessNode p, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("pid", p.pid());
        nullableNumber(g, "ppid", p.ppid());
        nullableString(g, "command", p.command());
        nullableNumber(g, "exit", p.exit());
        nullableString(g, "signal", p.signal());
        g.writeBooleanField("coreDumped", p.coreDumped());
        g.writeBooleanField("crashed", p.crashed());
        g.writeArrayFieldStart("threads");
        for (Integer t : p.threads()) {
            g.writeNumber(t);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("children");
        for (Integer c : p.children()) {
            g.writeNumber(c);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("signals");
        for (var e : p.signals().entrySet()) {
            nullableNumber(g, e.getKey(), e.getValue());
        }
        g.writeEndObject();
        nullableString(g, "start", p.start().isEmpty() ? null : p.start());
        g.writeNumberField("firstLine", p.firstLine());
        g.writeNumberField("lastLine", p.lastLine());
        g.writeEndObject();
    }

    private static void failureFields(FailureGroup f, boolean unusualExtension, JsonGenerator g) throws IOException {
        g.writeStringField("path", f.path());
        g.writeNumberField("count", f.count());
        g.writeObjectFieldStart("errnos");
        for (Map.Entry<String, Long> e : f.errnos().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("syscalls");
        for (String s : f.syscalls()) {
            g.writeString(s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("pids");
        for (Integer pid : f.pids()) {
            g.writeNumber(pid);
        }
        g.writeEndArray();
        g.writeNumberField("firstLine", f.firstLine());
        g.writeNumberField("lastLine", f.lastLine());
        nullableString(g, "firstTime", f.firstTime().isEmpty() ? null : f.firstTime());
        nullableString(g, "extension", f.extension());
        g.writeBooleanField("unusualExtension", unusualExtension);
        nullableString(g, "expected", f.expected());
    }

    /** One failure group as a tree (the foundation's fields only). */
    static ObjectNode failure(FailureGroup f) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            failureFields(f, f.unusualExtension(), g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return (ObjectNode) mapper().readTree(w.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
