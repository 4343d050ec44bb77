package io.github.sparkbitbucket.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkbitbucket.table.TableRegistry;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.LiteralValue;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of BBQL string quoting: for thousands of nasty values, the quoted literal is one
 * string token whose content unescapes to exactly the value (no quote or backslash left
 * unescaped), and values with control characters are never quoted (so never pushed).
 */
class BbqlQuotingTest {
  private static final String[] PIECES = {"\"", "\\", "'", "(", ")", " AND ", " OR ", "NOT",
      "null", "true", "~", "!=", "%", "_", "日本", "😀", "𝄞", "שלום", "\u202E", "\u0001", "\n",
      "\u007f", "\\\"", "\"\\", "a", " "};

  /** The content of a quoted BBQL string, unescaped; fails if a quote ends it early. */
  private static String unquote(String q) {
    assertTrue(q.length() >= 2 && q.startsWith("\"") && q.endsWith("\""), q);
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < q.length() - 1; i++) {
      char c = q.charAt(i);
      if (c == '\\') {
        char next = q.charAt(++i);
        assertTrue(next == '"' || next == '\\', "a stray escape in " + q);
        out.append(next);
      } else {
        assertTrue(c != '"', "an unescaped quote ends the string early: " + q);
        out.append(c);
      }
    }
    return out.toString();
  }

  @Test
  void everyQuotedValueIsOneStringThatUnescapesToItself() {
    Random random = new Random(5150L);
    int quoted = 0;
    for (int n = 0; n < 5000; n++) {
      StringBuilder s = new StringBuilder();
      for (int k = random.nextInt(8); k > 0; k--) {
        s.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String value = s.toString();
      String q = BbqlTranslator.quote(value);
      if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        assertNull(q, value);
        continue;
      }
      assertEquals(value, unquote(q));
      // through the translator: the field, the operator, and that one literal, nothing else
      Predicate eq = new Predicate("=", new Expression[] {Expressions.column("title"),
          new LiteralValue<>(UTF8String.fromString(value), DataTypes.StringType)});
      assertEquals(Optional.of("title = " + q),
          BbqlTranslator.translate(eq, TableRegistry.require("pullrequests")));
      quoted++;
    }
    assertTrue(quoted > 2000, "too few values were quotable: " + quoted);
  }
}
