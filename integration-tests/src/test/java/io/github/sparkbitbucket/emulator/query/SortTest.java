package io.github.sparkbitbucket.emulator.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The sort= parameter: each row is a sort key and the id order it must produce over {@link BbqlTest#OBJECTS}. */
class SortTest {

  static Stream<Arguments> orders() {
    return Stream.of(
        Arguments.of("id", List.of(1, 2, 3, 4, 5)),
        Arguments.of("-id", List.of(5, 4, 3, 2, 1)),
        // numbers with negatives and decimals; null last ascending, first descending (PostgreSQL)
        Arguments.of("score", List.of(2, 3, 1, 5, 4)),
        Arguments.of("-score", List.of(4, 5, 1, 3, 2)),
        Arguments.of("comment_count", List.of(2, 1, 4, 3, 5)),
        Arguments.of("-comment_count", List.of(5, 3, 4, 1, 2)),
        // timestamps by instant, not by text (3 is -07:00, equal to 5 in UTC; stable order keeps 3 first)
        Arguments.of("created_on", List.of(4, 2, 1, 3, 5)),
        Arguments.of("-created_on", List.of(3, 5, 1, 2, 4)),
        // strings by code point; booleans false first
        Arguments.of("state", List.of(3, 2, 1, 4, 5)),
        Arguments.of("draft", List.of(1, 3, 4, 2, 5)),
        // nested, with a null nested value (5) and a missing parent (1, 3 have no assignee uuid)
        Arguments.of("author.display_name", List.of(1, 4, 2, 3, 5)),
        Arguments.of("-author.display_name", List.of(5, 3, 2, 1, 4)),
        Arguments.of("assignee.uuid", List.of(2, 4, 1, 3, 5)),
        Arguments.of("source.branch.name", List.of(1, 4, 2, 3, 5)),
        // a list sorts by its first element; empty list counts as missing
        Arguments.of("reviewers.uuid", List.of(2, 1, 5, 4, 3)),
        Arguments.of("no_such_field", List.of(1, 2, 3, 4, 5)));
  }

  @ParameterizedTest(name = "sort={0}")
  @MethodSource("orders")
  void ordersObjects(String sort, List<Integer> expectedIds) {
    List<JsonNode> sorted = new ArrayList<>(BbqlTest.OBJECTS);
    sorted.sort(Sort.parse(sort));
    assertEquals(expectedIds, sorted.stream().map(o -> o.get("id").intValue()).collect(Collectors.toList()));
  }

  @org.junit.jupiter.api.Test
  void issuePrioritiesSortBySeverity() {
    List<JsonNode> issues = new ArrayList<>(BbqlTest.parseAll("{'id':1,'priority':'major'}",
        "{'id':2,'priority':'trivial'}", "{'id':3,'priority':'blocker'}", "{'id':4,'priority':'minor'}",
        "{'id':5,'priority':'critical'}"));
    issues.sort(Sort.parse("-priority"));
    assertEquals(List.of(3, 5, 1, 4, 2), issues.stream().map(o -> o.get("id").intValue())
        .collect(Collectors.toList()));
  }

  @ParameterizedTest(name = "sort=\"{0}\"")
  @ValueSource(strings = {"", "--id", "id,state", "id desc", "+id", "a..b", "id.", "-", "values[0]"})
  void rejectsAnythingButOneField(String sort) {
    BbqlException error = assertThrows(BbqlException.class, () -> Sort.parse(sort));
    assertTrue(error.getMessage().startsWith("Invalid sort parameter \"" + sort + "\""), error.getMessage());
  }
}
