package io.github.sparkbitbucket.spark.write;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Collects what one logger writes while a test runs (Spark logs through Log4j 2). */
final class CapturedLog implements AutoCloseable {
  private final String logger;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final AbstractAppender appender;
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

  CapturedLog(String logger) {
    this.logger = logger;
    this.appender = new AbstractAppender("capture-" + logger, null, null, true,
        Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        lines.add(event.getMessage().getFormattedMessage());
      }
    };
    appender.start();
    Configuration config = context.getConfiguration();
    LoggerConfig lc = new LoggerConfig(logger, Level.INFO, true);
    lc.addAppender(appender, Level.INFO, null);
    config.addLogger(logger, lc);
    context.updateLoggers();
  }

  String text() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  @Override
  public void close() {
    context.getConfiguration().removeLogger(logger);
    context.updateLoggers();
    appender.stop();
  }
}
