package dev.stracewb.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stracewb.session.TraceSession;
import dev.stracewb.testsupport.Fixtures;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace text that tries to be markup: a real trace of a process opening files named like HTML, entities,
 * Markdown, backtick runs, newlines and invalid UTF-8 (fixtures/report/hostile-paths.strace), and a hand-written
 * one with raw non-UTF-8 bytes, a terminal escape and a bidi override, which strace itself never writes. In every
 * format the text comes out as text: nothing becomes a tag, a link, a heading or a second code block.
 */
class HostileTraceTest {
    /** As the store keeps them: escapes as strace wrote them, and "//" made "/" by path normalization. */
    private static final List<String> NAMES = List.of(
            "<script>alert(1)</script>`.php",
            "&lt;b&gt;entity&amp;&quot;.php",
            "# heading *bold* _em_ [link](http:/evil.example/) | cell | ![img](x.png).php",
            "```\\nfence\\n```.php",
            "line1\\nline2\\r\\n<img src=x onerror=alert(2)>.php",
            "--> <!-- \\ backslash ~~strike~~ <https:/evil.example/>.php");
    private static final Set<String> ALLOWED_TAGS = Set.of("html", "head", "meta", "title", "style", "body", "main",
            "h1", "h2", "h3", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "span",
            "strong", "em");
    private static final Pattern TAG = Pattern.compile("<\\s*/?\\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)");
    private static final Set<String> ALLOWED_ATTRIBUTES = Set.of("lang", "charset", "http-equiv", "content", "name",
            "class", "align");

    @TempDir
    static Path dir;
    private static TraceSession recorded;
    private static TraceSession handWritten;
    private static Report recordedReport;
    private static Report handWrittenReport;
    private static String base;

    @BeforeAll
    static void read() throws IOException {
        recorded = ReportFixtures.fixture("report/hostile-paths.strace");
        recordedReport = ReportBuilder.build(recorded, ReportFixtures.fixed().withMaxRootCauses(50));
        String script = recordedReport.rootCauses().stream().map(Report.RootCause::path)
                .filter(p -> p.endsWith("<script>alert(1)</script>`.php")).findFirst().orElseThrow();
        base = script.substring(0, script.indexOf("<script>"));
        handWritten = ReportFixtures.read(handWrittenTrace(dir.resolve("raw-bytes.strace")));
        handWrittenReport = ReportBuilder.build(handWritten, ReportFixtures.fixed());
    }

    @AfterAll
    static void close() throws Exception {
        recorded.close();
        handWritten.close();
    }

    /** Lines strace would never write: raw bytes that are not UTF-8, a raw ESC, a bidi override, a raw CR. */
    private static Path handWrittenTrace(Path file) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("100 10:00:00.000001 openat(AT_FDCWD, \"/srv/www/caf").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {(byte) 0xe9, '-', (byte) 0xff, (byte) 0xfe});
        b.writeBytes(("<b>x</b>.php\", O_RDONLY) = -1 ENOENT (No such file or directory) <0.000010>\n")
                .getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(("100 10:00:00.000002 openat(AT_FDCWD, \"/srv/www/\\33[31mred\\33[0m-\u202Egnp.php\", O_RDONLY)"
                + " = -1 ENOENT (No such file or directory) <0.000010>\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(("100 10:00:00.000003 garbage \u001b]0;title\u0007 \r and ").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {(byte) 0xc3, '(', '\n'});
        b.writeBytes("100 10:00:00.000004 +++ exited with 0 +++\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(file, b.toByteArray());
        return file;
    }

    @Test
    void everyHostileNameIsARootCauseCandidate() {
        List<String> paths = recordedReport.rootCauses().stream().map(Report.RootCause::path).toList();

        for (String name : NAMES) {
            String path = base + name.replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\");
            assertThat(paths).as(name).contains(path);
        }
    }

    @Test
    void markdownHasNoHtmlNoLinkNoImageAndOnlyItsOwnHeadings() {
        for (Report report : List.of(recordedReport, handWrittenReport)) {
            Node doc = parse(MarkdownReport.render(report));
            List<Node> bad = new ArrayList<>();
            List<Heading> headings = new ArrayList<>();
            doc.accept(new AbstractVisitor() {
                @Override
                public void visit(HtmlInline n) {
                    bad.add(n);
                }

                @Override
                public void visit(HtmlBlock n) {
                    bad.add(n);
                }

                @Override
                public void visit(Link n) {
                    bad.add(n);
                }

                @Override
                public void visit(Image n) {
                    bad.add(n);
                }

                @Override
                public void visit(Heading n) {
                    headings.add(n);
                    visitChildren(n);
                }
            });

            assertThat(bad).isEmpty();
            assertThat(headings.stream().filter(h -> h.getLevel() == 1)).hasSize(1);
            assertThat(headings.stream().filter(h -> h.getLevel() == 3).count())
                    .isEqualTo(report.rootCauses().size() + (report.normalMisses().isEmpty() ? 0 : 1));
        }
    }

    @Test
    void markdownShowsEachHostileNameVerbatimInACodeSpan() {
        Node doc = parse(MarkdownReport.render(recordedReport));
        List<String> code = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Code n) {
                code.add(n.getLiteral());
            }
        });

        for (String name : NAMES) {
            assertThat(code).as(name).contains(base + name);
        }
    }

    @Test
    void markdownEvidenceBlocksHoldOnlyNumberedTraceLines() {
        for (Report report : List.of(recordedReport, handWrittenReport)) {
            Node doc = parse(MarkdownReport.render(report));
            List<FencedCodeBlock> blocks = new ArrayList<>();
            doc.accept(new AbstractVisitor() {
                @Override
                public void visit(FencedCodeBlock n) {
                    blocks.add(n);
                }
            });
            long evidence = report.rootCauses().stream().filter(c -> !c.evidence().isEmpty()).count()
                    + (report.hangs().isEmpty() ? 0 : 1);

            assertThat(blocks).hasSize((int) evidence);
            for (FencedCodeBlock block : blocks) {
                assertThat(block.getInfo()).isEqualTo("strace");
                assertThat(block.getLiteral().lines()).allMatch(l -> l.matches(" *\\d+  .*"));
            }
        }
    }

    @Test
    void markdownTextNodesNeverStartAnEmphasisOrHeadingFromTraceText() {
        Node doc = parse(MarkdownReport.render(recordedReport));
        List<String> texts = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Text n) {
                texts.add(n.getLiteral());
            }
        });

        assertThat(texts).noneMatch(t -> t.contains("evil.example"));
    }

    @Test
    void htmlHasOnlyTheReportsOwnTagsAndAttributes() {
        for (Report report : List.of(recordedReport, handWrittenReport)) {
            String html = HtmlReport.render(report);
            Set<String> tags = new TreeSet<>();
            Set<String> attributes = new TreeSet<>();
            Matcher m = TAG.matcher(html.substring(html.indexOf("<html")));
            while (m.find()) {
                tags.add(m.group(1).toLowerCase());
                Matcher a = ATTRIBUTE.matcher(m.group(2));
                while (a.find()) {
                    attributes.add(a.group(1).toLowerCase());
                }
            }

            assertThat(tags).isSubsetOf(ALLOWED_TAGS);
            assertThat(attributes).isSubsetOf(ALLOWED_ATTRIBUTES);
            assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("<img").doesNotContain("href=")
                    .doesNotContain("src=\"").doesNotContain("<!-- ");
        }
    }

    @Test
    void htmlShowsHostileNamesAsEscapedText() {
        String html = HtmlReport.render(recordedReport);

        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;`.php")
                .contains("&amp;lt;b&amp;gt;entity&amp;amp;&amp;quot;.php")
                .contains("```\\nfence\\n```.php")
                .contains("line1\\nline2\\r\\n&lt;img src=x onerror=alert(2)&gt;.php")
                .contains("&lt;script&gt;alert('argv')&lt;/script&gt;");
    }

    @Test
    void jsonKeepsEveryHostileNameExactly() throws IOException {
        JsonNode json = JsonReport.mapper().readTree(JsonReport.render(recordedReport));
        List<String> paths = new ArrayList<>();
        json.get("rootCauses").forEach(c -> paths.add(c.get("path").asText()));

        assertThat(json.get("schema").asText()).isEqualTo("stracewb-report/1");
        assertThat(paths).containsAll(recordedReport.rootCauses().stream().map(Report.RootCause::path).toList());
        assertThat(paths).contains(base + "line1\nline2\r\n<img src=x onerror=alert(2)>.php");
    }

    @Test
    void rawBytesThatAreNotUtf8ShowAsEscapesInEveryFormat() throws IOException {
        String md = MarkdownReport.render(handWrittenReport);
        String html = HtmlReport.render(handWrittenReport);
        JsonNode json = JsonReport.mapper().readTree(JsonReport.render(handWrittenReport));
        String evidence = json.get("rootCauses").get(0).get("evidence").get(0).get("text").asText();

        assertThat(evidence).contains("caf\\xe9-\\xff\\xfe<b>x</b>.php");
        assertThat(md).contains("caf\\xe9-\\xff\\xfe<b>x</b>.php");
        assertThat(html).contains("caf\\xe9-\\xff\\xfe&lt;b&gt;x&lt;/b&gt;.php");
    }

    @Test
    void terminalEscapesAndBidiOverridesAreSpelledOut() {
        String md = MarkdownReport.render(handWrittenReport);
        String html = HtmlReport.render(handWrittenReport);

        for (String out : List.of(md, html)) {
            assertThat(out).doesNotContain("\u001b").doesNotContain("\u202E").doesNotContain("\u0007")
                    .contains("\\x1b[31mred\\x1b[0m-\\u202egnp.php");
        }
    }

    @Test
    void unparsedLinesAreCountedNotShown() {
        assertThat(handWrittenReport.capture().unparsedLines()).isEqualTo(1);
        assertThat(handWrittenReport.unavailable()).anyMatch(s -> s.startsWith("unparsed lines: 1 of 4"));
    }

    private static Node parse(String markdown) {
        return Parser.builder().extensions(List.of(TablesExtension.create())).build().parse(markdown);
    }

    @SuppressWarnings("unused")
    private static Path fixture(String name) {
        return Fixtures.path(name);
    }
}
