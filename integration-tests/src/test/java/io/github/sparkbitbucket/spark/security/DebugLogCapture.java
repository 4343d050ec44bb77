package io.github.sparkbitbucket.spark.security;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log line of the JVM at DEBUG while open: Log4j 2 (Spark, SLF4J users) through an
 * in-memory appender on the root logger with every configured logger lowered to DEBUG, and
 * java.util.logging (OkHttp, the connector's {@code System.Logger}) through a handler on its root
 * at ALL. The console appender is detached meanwhile, so the test output stays readable.
 * Closing restores every level and appender.
 */
final class DebugLogCapture implements AutoCloseable {
  /** One captured line: logger, level, message and the rendered stack trace, if any. */
  record Line(String logger, String level, String text) {}

  private final List<Line> lines = Collections.synchronizedList(new ArrayList<>());
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
  private final Map<LoggerConfig, Level> levels = new HashMap<>();
  private final Map<String, Appender> detached = new HashMap<>();
  private final AbstractAppender appender;
  private final Logger julRoot = Logger.getLogger("");
  private final java.util.logging.Level julLevel = julRoot.getLevel();
  private final Handler julHandler;
  private final List<Handler> julDetached = new ArrayList<>();
  // strong references: JUL forgets the level of a logger nobody holds
  private final List<Logger> julLoggers = new ArrayList<>();
  private final List<java.util.logging.Level> julLevels = new ArrayList<>();

  DebugLogCapture() {
    appender = new AbstractAppender("debug-capture", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent e) {
        lines.add(new Line(e.getLoggerName(), e.getLevel().name(),
            e.getMessage().getFormattedMessage() + stackTrace(e.getThrown())));
      }
    };
    appender.start();
    Configuration config = context.getConfiguration();
    LoggerConfig root = config.getRootLogger();
    for (LoggerConfig lc : config.getLoggers().values()) {
      levels.put(lc, lc.getLevel());
      lc.setLevel(Level.DEBUG);
    }
    levels.putIfAbsent(root, root.getLevel());
    root.setLevel(Level.DEBUG);
    for (Map.Entry<String, Appender> a : root.getAppenders().entrySet()) {
      detached.put(a.getKey(), a.getValue());
      root.removeAppender(a.getKey());
    }
    root.addAppender(appender, Level.DEBUG, null);
    context.updateLoggers();

    julHandler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        String msg = r.getMessage();
        if (r.getParameters() != null && msg != null) {
          msg = java.text.MessageFormat.format(msg, r.getParameters());
        }
        lines.add(new Line(r.getLoggerName(), "JUL-" + r.getLevel(),
            msg + stackTrace(r.getThrown())));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    julHandler.setLevel(java.util.logging.Level.ALL);
    julRoot.setLevel(java.util.logging.Level.ALL);
    for (Handler h : julRoot.getHandlers()) { // console handlers: keep the output readable
      julDetached.add(h);
      julRoot.removeHandler(h);
    }
    julRoot.addHandler(julHandler);
    for (String name : List.of("okhttp3", "io.github.sparkbitbucket")) {
      Logger l = Logger.getLogger(name);
      julLoggers.add(l);
      julLevels.add(l.getLevel());
      l.setLevel(java.util.logging.Level.ALL);
    }
  }

  private static String stackTrace(Throwable t) {
    if (t == null) {
      return "";
    }
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return "\n" + w;
  }

  List<Line> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  @Override
  public void close() {
    julRoot.removeHandler(julHandler);
    julDetached.forEach(julRoot::addHandler);
    julRoot.setLevel(julLevel);
    for (int i = 0; i < julLoggers.size(); i++) {
      julLoggers.get(i).setLevel(julLevels.get(i));
    }
    LoggerConfig root = context.getConfiguration().getRootLogger();
    root.removeAppender(appender.getName());
    detached.values().forEach(a -> root.addAppender(a, null, null));
    levels.forEach(LoggerConfig::setLevel);
    context.updateLoggers();
    appender.stop();
  }
}
