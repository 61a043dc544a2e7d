package dev.stracewb.report;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The report as one self-contained HTML file: the Markdown rendering turned into HTML by commonmark-java with
 * raw HTML escaped and link URLs sanitized, inside a fixed page with inline CSS. No scripts, no fonts or images
 * fetched from anywhere, and a Content-Security-Policy that forbids them even if something slipped through.
 *
 * <p>Never concatenates trace text into HTML itself: the only text from the trace reaches the page through
 * commonmark's renderer, which escapes it.
 */
public final class HtmlReport {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .nodeRendererFactory(EvidenceBlockRenderer::new)
            .build();

    private static final String CSS = resource("report.css");

    private HtmlReport() {
    }

    public static String render(Report report) {
        return page(RENDERER.render(PARSER.parse(MarkdownReport.render(report))));
    }

    private static String page(String body) {
        return "<!DOCTYPE html>\n"
                + "<html lang=\"en\">\n"
                + "<head>\n"
                + "<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'; img-src data:\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"generator\" content=\"stracewb\">\n"
                + "<title>Incident report (stracewb)</title>\n"
                + "<style>\n" + CSS + "</style>\n"
                + "</head>\n"
                + "<body>\n<main>\n"
                + body
                + "</main>\n</body>\n</html>\n";
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + HtmlReport.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
