package dev.stracewb.analysis;

import java.util.List;
import java.util.Map;

/**
 * Everything the analyses found, taken at one moment so its parts agree: failures culprit first, requests and
 * their summary, hangs (idle waits included, flagged), the process tree, the document root, the source lines
 * that name missing files, and "did you mean" by failed path. Made by {@code TraceSession.findings()}; reads the
 * disk (document root), so call it off the FX thread.
 */
public record Findings(
        List<FailureGroup> failures,
        List<Request> requests,
        RequestSummary requestSummary,
        List<Hang> hangs,
        List<ProcessNode> processes,
        DocumentRoot documentRoot,
        SourceReferences.Result references,
        Map<String, Suggestion> suggestions) {

    /** The hangs that are not a server idly waiting for work. */
    public List<Hang> realHangs() {
        return hangs.stream().filter(h -> !h.idle()).toList();
    }

    public long idleWaits() {
        return hangs.stream().filter(Hang::idle).count();
    }
}
