package io.github.sparkbitbucket.examples;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.spark.sql.Row;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * The report's charts: JFreeChart pictures of query results, saved as PNG. Knows rows and column
 * names, nothing of the queries.
 */
final class Charts {
  static final int WIDTH = 900;
  static final int HEIGHT = 480;
  private static final Color[] SERIES = {new Color(0x0052CC), new Color(0xFF8B00), new Color(0x36B37E)};

  static {
    // The report is drawn on servers and in CI: never ask for a display.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Charts() {}

  /**
   * Bars per category (one row each), one series per value column.
   *
   * @param horizontal bars to the right, for long lists of names
   */
  static JFreeChart bars(String title, String valueAxis, List<Row> rows, String categoryColumn,
      boolean horizontal, String... valueColumns) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Row row : rows) {
      String category = String.valueOf(row.<Object>getAs(categoryColumn));
      for (String column : valueColumns) {
        Number value = row.getAs(column);
        data.addValue(value == null ? null : value.doubleValue(), label(column), category);
      }
    }
    JFreeChart chart = ChartFactory.createBarChart(title, null, valueAxis, data,
        horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL, valueColumns.length > 1,
        false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    if (!horizontal) {
      plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    for (int i = 0; i < valueColumns.length; i++) {
      renderer.setSeriesPaint(i, SERIES[i % SERIES.length]);
    }
    style(chart);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return chart;
  }

  /** A line over time: one point per row, dated by a DATE column. */
  static JFreeChart overTime(String title, String valueAxis, List<Row> rows, String dateColumn,
      String valueColumn) {
    TimeZone utc = TimeZone.getTimeZone(ZoneOffset.UTC);
    TimeSeries series = new TimeSeries(label(valueColumn));
    for (Row row : rows) {
      LocalDate day = row.<java.sql.Date>getAs(dateColumn).toLocalDate();
      Number value = row.getAs(valueColumn);
      series.add(new Day(Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()), utc, Locale.ROOT),
          value.doubleValue());
    }
    JFreeChart chart = ChartFactory.createTimeSeriesChart(title, null, valueAxis,
        new TimeSeriesCollection(series, utc), false, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.getRenderer().setSeriesPaint(0, SERIES[0]);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    style(chart);
    return chart;
  }

  /** Writes the chart as a PNG of the report's size. */
  static void savePng(JFreeChart chart, Path file) throws IOException {
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
  }

  /** {@code median_hours} becomes {@code median hours}. */
  private static String label(String column) {
    return column.replace('_', ' ');
  }
}
