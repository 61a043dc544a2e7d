package dev.stracewb.report;

import java.nio.file.Path;
import java.util.Locale;

/** The renderings of a report, chosen by the file's extension. */
public enum ReportFormat {
    MARKDOWN("md"),
    HTML("html"),
    JSON("json");

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The format for a file name ({@code .md}, {@code .markdown}, {@code .html}, {@code .htm}, {@code .json}). */
    public static ReportFormat of(Path file) throws ReportException {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1);
        return switch (ext) {
            case "md", "markdown" -> MARKDOWN;
            case "html", "htm" -> HTML;
            case "json" -> JSON;
            default -> throw new ReportException("cannot tell the report format of " + file
                    + ": name it .md (Markdown), .html (HTML) or .json (JSON)");
        };
    }

    /** The report rendered in this format. */
    public String render(Report report) {
        return switch (this) {
            case MARKDOWN -> MarkdownReport.render(report);
            case HTML -> HtmlReport.render(report);
            case JSON -> JsonReport.render(report);
        };
    }
}
