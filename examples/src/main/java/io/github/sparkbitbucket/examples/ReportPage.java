package io.github.sparkbitbucket.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.jfree.chart.JFreeChart;

/**
 * The analytics report as a static HTML page: for each analysis a heading, what it measures, its
 * chart (a PNG beside the page), its SQL and its rows as a table. Written to one directory the
 * user can open or publish.
 */
final class ReportPage {
  /** Long tables (weeks of merges) are folded so that the charts stay together. */
  private static final int ROWS_SHOWN_OPEN = 25;

  private record Section(String id, String title, String description, String sql,
      String[] columns, List<Row> rows, JFreeChart chart) {}

  private final String title;
  private final String subtitle;
  private final List<Section> sections = new ArrayList<>();

  ReportPage(String title, String subtitle) {
    this.title = title;
    this.subtitle = subtitle;
  }

  /**
   * Adds one analysis.
   *
   * @param id names the PNG ({@code <id>.png}); letters, digits and underscores
   */
  ReportPage add(String id, String title, String description, String sql, String[] columns,
      List<Row> rows, JFreeChart chart) {
    if (!id.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("A section id names a file: use letters, digits, _ (" + id + ")");
    }
    sections.add(new Section(id, title, description, sql, columns, List.copyOf(rows), chart));
    return this;
  }

  /** The PNG file names, in page order. */
  List<String> chartFiles() {
    return sections.stream().map(s -> s.id() + ".png").toList();
  }

  /** Writes {@code index.html} and one PNG per section into {@code dir}; returns the page. */
  Path write(Path dir) {
    try {
      Files.createDirectories(dir);
      StringBuilder html = new StringBuilder();
      html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
          .append(escape(title)).append("</title>\n<style>\n")
          .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:960px;color:#172B4D}\n")
          .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #DFE1E6;")
          .append("padding:3px 8px;text-align:right}th{background:#F4F5F7}td:first-child{text-align:left}\n")
          .append("pre{background:#F4F5F7;padding:1em;overflow-x:auto}img{max-width:100%}\n")
          .append("</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n<p>")
          .append(escape(subtitle)).append("</p>\n<ul>\n");
      for (Section s : sections) {
        html.append("<li><a href=\"#").append(s.id()).append("\">").append(escape(s.title()))
            .append("</a></li>\n");
      }
      html.append("</ul>\n");
      for (Section s : sections) {
        String png = s.id() + ".png";
        Charts.savePng(s.chart(), dir.resolve(png));
        html.append("<h2 id=\"").append(s.id()).append("\">").append(escape(s.title())).append("</h2>\n")
            .append("<p>").append(escape(s.description())).append("</p>\n")
            .append("<img src=\"").append(png).append("\" alt=\"").append(escape(s.title()))
            .append("\" width=\"").append(Charts.WIDTH).append("\" height=\"").append(Charts.HEIGHT)
            .append("\">\n");
        html.append(s.rows().size() > ROWS_SHOWN_OPEN ? "<details>" : "<details open>")
            .append("<summary>").append(s.rows().size()).append(" rows</summary>\n");
        table(html, s.columns(), s.rows());
        html.append("</details>\n<details><summary>SQL</summary><pre>").append(escape(s.sql()))
            .append("</pre></details>\n");
      }
      html.append("</body>\n</html>\n");
      Path page = dir.resolve("index.html");
      Files.writeString(page, html, StandardCharsets.UTF_8);
      return page.toAbsolutePath().normalize();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report into " + dir.toAbsolutePath()
          + ": check that the directory is writable, or choose another with -Dreport.dir=...", e);
    }
  }

  private static void table(StringBuilder html, String[] columns, List<Row> rows) {
    html.append("<table>\n<tr>");
    for (String c : columns) {
      html.append("<th>").append(escape(c)).append("</th>");
    }
    html.append("</tr>\n");
    for (Row row : rows) {
      html.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        html.append("<td>").append(escape(String.valueOf(row.get(i)))).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
