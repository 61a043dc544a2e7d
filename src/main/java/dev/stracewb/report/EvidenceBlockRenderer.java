package dev.stracewb.report;

import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

import java.util.Map;
import java.util.Set;

/**
 * Renders the report's evidence blocks (fenced with the info string {@value #INFO}) as one block per strace
 * line, the line number in its own span, so a long line that wraps on screen or paper keeps a hanging indent and
 * the next line's number stands out. Other fenced blocks render as commonmark would.
 *
 * <p>All text goes through {@link HtmlWriter#text}, which escapes it; nothing is written raw.
 */
final class EvidenceBlockRenderer implements NodeRenderer {
    static final String INFO = "strace";

    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;

    EvidenceBlockRenderer(HtmlNodeRendererContext context) {
        this.context = context;
        this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return Set.of(FencedCodeBlock.class);
    }

    @Override
    public void render(Node node) {
        FencedCodeBlock block = (FencedCodeBlock) node;
        String info = block.getInfo() == null ? "" : block.getInfo().trim();
        html.line();
        if (!INFO.equals(info)) {
            html.tag("pre", context.extendAttributes(block, "pre", Map.of()));
            html.tag("code", context.extendAttributes(block, "code",
                    info.isEmpty() ? Map.of() : Map.of("class", "language-" + info.split(" ")[0])));
            html.text(block.getLiteral());
            html.tag("/code");
            html.tag("/pre");
            html.line();
            return;
        }
        html.tag("pre", context.extendAttributes(block, "pre", Map.of("class", "evidence")));
        html.tag("code");
        String literal = block.getLiteral();
        for (String line : literal.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int i = 0;
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            int digits = i;
            while (i < line.length() && Character.isDigit(line.charAt(i))) {
                i++;
            }
            html.tag("span", Map.of("class", "ev"));
            if (i > digits) {
                html.tag("span", Map.of("class", "no"));
                html.text(line.substring(digits, i));
                html.tag("/span");
                html.text(" ");
                html.tag("span", Map.of("class", "tx"));
                html.text(line.substring(i).stripLeading());
                html.tag("/span");
            } else {
                html.text(line);
            }
            // inside the block, so copied text keeps one line per strace line and no blank line shows between
            html.text("\n");
            html.tag("/span");
        }
        html.tag("/code");
        html.tag("/pre");
        html.line();
    }
}
