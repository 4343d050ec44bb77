package io.github.sparkbitbucket.emulator.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The id range a filter implies, which lets a list skip rows without evaluating the filter: a
 * bound too narrow would drop rows the filter passes, so each case names the exact range.
 */
class IntegerBoundsTest {

  private static long[] bounds(String q) {
    return Bbql.parse(q).integerBounds("id");
  }

  @Test
  void comparisonsBoundTheirSide() {
    assertArrayEquals(new long[] {11, Long.MAX_VALUE}, bounds("id > 10"));
    assertArrayEquals(new long[] {10, Long.MAX_VALUE}, bounds("id >= 10"));
    assertArrayEquals(new long[] {Long.MIN_VALUE, 9}, bounds("id < 10"));
    assertArrayEquals(new long[] {Long.MIN_VALUE, 10}, bounds("id <= 10"));
    assertArrayEquals(new long[] {7, 7}, bounds("id = 7"));
  }

  @Test
  void aConjunctionIntersectsItsParts() {
    assertArrayEquals(new long[] {101, 300}, bounds("(state = \"OPEN\" OR state = \"MERGED\") "
        + "AND id > 100 AND id <= 300"));
    assertArrayEquals(new long[] {51, 40}, bounds("id > 50 AND id < 41")); // empty: hi < lo
  }

  @Test
  void whatDoesNotBoundIdGivesNoRange() {
    assertNull(bounds("state = \"OPEN\""));
    assertNull(bounds("id > 10 OR id < 3")); // a disjunction may pass any id
    assertNull(bounds("id != 10"));
    assertNull(bounds("id > 10.5")); // not an integer literal
    assertNull(bounds("id > \"10\"")); // a string literal compares differently
    assertNull(bounds("comment_count > 10"));
  }
}
