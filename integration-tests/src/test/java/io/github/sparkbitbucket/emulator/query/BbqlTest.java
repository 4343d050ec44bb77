package io.github.sparkbitbucket.emulator.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BBQL filtering, table-driven: each row is a query and the ids of the objects in {@link #OBJECTS} it must
 * select, so a row fails if the operator, typing, precedence or path logic breaks.
 */
class BbqlTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Five pull-request-like objects exercising every JSON type, nesting, arrays, nulls and missing fields. */
  static final List<JsonNode> OBJECTS = parseAll(
      "{'id':1,'title':'Fix Unicode handling in Ärger','state':'OPEN','comment_count':3,'score':1.5,"
          + "'draft':false,'created_on':'2015-03-04T14:08:59.123456+00:00',"
          + "'source':{'branch':{'name':'feature/x'}},'author':{'uuid':'{a-1}','display_name':'Ann'},"
          + "'reviewers':[{'uuid':'{b-2}'},{'uuid':'{c-3}'}],'assignee':null,'labels':['ui','api']}",
      "{'id':2,'title':'He said \\\"OR 1=1\\\" (quoted) AND left','state':'MERGED','comment_count':0,"
          + "'score':-2,'draft':true,'created_on':'2015-03-04T12:00:00+00:00',"
          + "'source':{'branch':{'name':'master'}},'author':{'uuid':'{b-2}','display_name':'Bob'},"
          + "'reviewers':[{'uuid':'{a-1}'}],'assignee':{'uuid':'{a-1}'},'labels':[]}",
      "{'id':3,'title':'path C:\\\\temp\\\\new','state':'DECLINED','comment_count':10,'score':0.25,"
          + "'draft':false,'created_on':'2016-01-01T00:00:00-07:00',"
          + "'source':{'branch':{'name':'release/1.0'}},'author':{'uuid':'{c-3}','display_name':'Cé'},"
          + "'reviewers':[],'labels':['api']}",
      "{'id':4,'title':'日本語のタイトル and or not in','state':'OPEN','comment_count':7,'score':100,"
          + "'draft':false,'created_on':'2014-12-31T23:59:59.999+00:00',"
          + "'source':{'branch':{'name':'feature/y'}},'author':{'uuid':'{a-1}','display_name':'Ann'},"
          + "'reviewers':[{'uuid':'{c-3}'}],'assignee':{'uuid':'{c-3}'}}",
      "{'id':5,'title':null,'state':'SUPERSEDED','comment_count':null,'score':3,'draft':true,"
          + "'created_on':'2016-01-01T07:00:00+00:00','source':{'branch':{'name':'x'}},"
          + "'author':{'uuid':'{d-4}','display_name':null},'reviewers':[{'uuid':'{b-2}'}]}");

  static Stream<Arguments> selections() {
    return Stream.of(
        // strings: every operator
        row("state = \"OPEN\"", 1, 4),
        row("state != \"OPEN\"", 2, 3, 5),
        row("state ~ \"e\"", 1, 2, 3, 4, 5),
        row("title ~ \"UNICODE\"", 1),
        row("title !~ \"unicode\"", 2, 3, 4, 5),
        row("state > \"MERGED\"", 1, 4, 5),
        row("state >= \"MERGED\"", 1, 2, 4, 5),
        row("state < \"MERGED\"", 3),
        row("state <= \"MERGED\"", 2, 3),
        row("state IN (\"OPEN\", \"MERGED\")", 1, 2, 4),
        row("state NOT IN (\"OPEN\", \"MERGED\")", 3, 5),
        row("state in (\"DECLINED\")", 3),
        row("state not in (\"DECLINED\")", 1, 2, 4, 5),
        // numbers: ints, negatives, decimals, every operator
        row("id = 3", 3),
        row("id != 3", 1, 2, 4, 5),
        row("comment_count > 3", 3, 4),
        row("comment_count >= 3", 1, 3, 4),
        row("comment_count < 3", 2),
        row("comment_count <= 3", 1, 2),
        row("score < 0", 2),
        row("score = -2", 2),
        row("score > -2.5", 1, 2, 3, 4, 5),
        row("score = 0.25", 3),
        row("score = 1.50", 1),
        row("score >= 1e2", 4),
        row("id IN (1, 4, 99)", 1, 4),
        row("id NOT IN (1, 4)", 2, 3, 5),
        row("id = \"2\"", 2), // numeric string against a number column is cast
        // booleans
        row("draft = true", 2, 5),
        row("draft = false", 1, 3, 4),
        row("draft != true", 1, 3, 4),
        row("draft IN (true)", 2, 5),
        // null and missing
        row("assignee = null", 1, 3, 5),
        row("assignee != null", 2, 4),
        row("title = null", 5),
        row("comment_count = null", 5),
        row("labels = null", 2, 4, 5),
        row("assignee.uuid = null", 1, 3, 5),
        row("state IN (\"MERGED\", null)", 2),
        row("assignee.uuid IN (\"{a-1}\", null)", 1, 2, 3, 5),
        row("title ~ \"a\"", 1, 2, 3, 4),
        row("title !~ \"a\"", 5), // absent/null never "contains"
        // datetimes with and without offset, millis, time part
        row("created_on > 2015-03-04T13:00:00+00:00", 1, 3, 5),
        row("created_on >= 2015-03-04T14:08:59.123456Z", 1, 3, 5),
        row("created_on > 2015-03-04T14:08:59.123456Z", 3, 5),
        row("created_on > 2015-03-04T14:08:59.123", 1, 3, 5),
        row("created_on < 2015-03-04", 4),
        row("created_on >= 2015-03-04 AND created_on < 2015-03-05", 1, 2),
        row("created_on = 2016-01-01T00:00:00-07:00", 3, 5), // same instant, different offsets
        row("created_on = 2016-01-01T07:00", 3, 5),
        row("created_on <= 2015-03-04T16:00:00+02:00", 2, 4),
        row("created_on > 2015-03-04T14:08+0000", 1, 3, 5),
        row("created_on > \"2015-12-31\"", 3, 5), // quoted date on a timestamp field compares instants
        // nested and array paths
        row("source.branch.name = \"master\"", 2),
        row("source.branch.name ~ \"FEATURE/\"", 1, 4),
        row("author.uuid = \"{a-1}\"", 1, 4),
        row("reviewers.uuid = \"{c-3}\"", 1, 4),
        row("reviewers.uuid != \"{c-3}\"", 2, 3, 5),
        row("reviewers.uuid IN (\"{a-1}\", \"{b-2}\")", 1, 2, 5),
        row("reviewers = null", 3),
        row("labels = \"api\"", 1, 3),
        row("author.display_name = null", 5),
        row("no.such.field = null", 1, 2, 3, 4, 5),
        row("no.such.field = \"x\""),
        row("values.state = \"OPEN\""), // the envelope prefix is not part of field names
        // precedence and parentheses
        row("state = \"OPEN\" OR state = \"MERGED\" AND draft = true", 1, 2, 4),
        row("(state = \"OPEN\" OR state = \"MERGED\") AND draft = false", 1, 4),
        row("(state = \"OPEN\" OR state = \"MERGED\") AND draft = true", 2),
        row("state = \"MERGED\" AND draft = true OR id = 5", 2, 5),
        row("state = \"MERGED\" AND (draft = false OR id = 2)", 2),
        row("((((id = 1))))", 1),
        row("id = 1 or id = 2 aNd draft = true Or id = 3", 1, 2, 3),
        row("(id = 1 OR id = 2) AND (id = 2 OR id = 3)", 2),
        row("  id=1  ", 1),
        row("id>=4", 4, 5),
        // escapes and injection attempts stay literal
        row("title ~ \"\\\"OR 1=1\\\"\"", 2),
        row("title = \"\\\" OR 1=1\"",
            new int[0]),
        row("title ~ \" OR 1=1\"", new int[0]),
        row("title ~ \"C:\\\\temp\\\\new\"", 3),
        row("title ~ \"(quoted) AND left\"", 2),
        row("title ~ \"and or not in\"", 4),
        row("title ~ \"%\"", new int[0]),
        row("title ~ \".*\"", new int[0]),
        row("title ~ \"\"", 1, 2, 3, 4),
        row("title ~ \"日本語\"", 4),
        row("title ~ \"ärger\"", 1),
        row("author.display_name = \"Cé\"", 3),
        // exactly as the connector's BbqlTranslator writes them (nullable guards, µs UTC, escapes)
        row("(created_on >= 2015-03-04T14:08:59.123456+00:00 AND created_on != null)", 1, 3, 5),
        row("((state != \"OPEN\" AND state != null) OR state = null)", 2, 3, 5),
        row("(id NOT IN (1, 2) AND id != null)", 3, 4, 5),
        row("(comment_count < 5 AND comment_count != null)", 1, 2),
        row("(title = \"He said \\\"OR 1=1\\\" (quoted) AND left\" OR title ~ \"\\\\temp\")", 2, 3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selections")
  void selectsExactlyTheExpectedObjects(String query, List<Integer> expectedIds) {
    BbqlQuery parsed = Bbql.parse(query);
    List<Integer> ids = OBJECTS.stream().filter(parsed::matches).map(o -> o.get("id").intValue())
        .collect(Collectors.toList());
    assertEquals(expectedIds, ids, () -> "query " + query + " parsed as " + parsed);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        bad("(state = \"OPEN\"", "Invalid query: Unexpected end of query; expected \")\""),
        bad("state = \"OPEN\")", "Unexpected token \")\" at position 14"),
        bad("state = \"OPEN", "Unterminated string starting at position 8"),
        bad("state == \"OPEN\"", "Unexpected token \"=\" at position 7"),
        bad("state <> \"OPEN\"", "Unexpected token \">\" at position 7"),
        bad("state ! \"OPEN\"", "Unknown operator \"!\" at position 6"),
        bad("state LIKE \"OPEN\"", "Unexpected token \"LIKE\" at position 6; expected an operator"),
        bad("state = OPEN", "Unexpected token \"OPEN\" at position 8; expected a value; quote strings"),
        bad("state = 'OPEN'", "Unexpected character \"'\" at position 8"),
        bad("state = \"OPEN\" garbage", "Unexpected token \"garbage\" at position 15"),
        bad("state = \"OPEN\" AND", "Unexpected end of query; expected a field name"),
        bad("AND state = \"OPEN\"", "Unexpected token \"AND\" at position 0; expected a field name"),
        bad("state = \"OPEN\" OR OR id = 1", "Unexpected token \"OR\" at position 18"),
        bad("state =", "Unexpected end of query; expected a value"),
        bad("state", "Unexpected end of query; expected an operator"),
        bad("()", "Unexpected token \")\" at position 1; expected a field name"),
        bad("id IN ()", "Unexpected token \")\" at position 7; expected a value"),
        bad("id IN (1, 2", "Unexpected end of query; expected \",\" or \")\""),
        bad("id IN 1", "Unexpected token \"1\" at position 6; expected \"(\""),
        bad("id NOT 1", "expected IN after NOT"),
        bad("id = 12abc", "Unexpected token \"12a\" at position 5"),
        bad("created_on > 2015-13-45", "Invalid datetime 2015-13-45 at position 13"),
        bad("created_on > 2015-02-30T10:00", "Invalid datetime 2015-02-30T10:00"),
        bad("title ~ 5", "operator ~ at position 6 needs a \"string\" value"),
        bad("title !~ null", "operator !~ at position 6 needs a \"string\" value"),
        bad("id > null", "operator > at position 3 cannot compare with null"),
        bad("draft < true", "operator < at position 6 cannot compare with true"),
        bad("a..b = 1", "Unexpected token \"a.\" at position 0"),
        bad("state = \"a\" # comment", "Unexpected character \"#\" at position 12"),
        bad("state = \"a\" AND 😀 = 1", "Unexpected character \"😀\" at position 16"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsMalformedQueryWithPreciseMessage(String query, String expectedFragment) {
    BbqlException error = assertThrows(BbqlException.class, () -> Bbql.parse(query));
    assertTrue(error.getMessage().startsWith("Invalid query: "), error.getMessage());
    assertTrue(error.getMessage().contains(expectedFragment),
        () -> "message \"" + error.getMessage() + "\" lacks \"" + expectedFragment + "\"");
  }

  static Stream<Arguments> typeMismatches() {
    return Stream.of(
        bad("id = true", "field \"id\" is a number and cannot be compared with boolean true"),
        bad("id = \"abc\"", "field \"id\" is a number and cannot be compared with string \"abc\""),
        bad("title = 5", "field \"title\" is a string and cannot be compared with number 5"),
        bad("draft = \"yes\"", "field \"draft\" is a boolean"),
        bad("id ~ \"1\"", "field \"id\" is a number"),
        bad("title > 2015-01-01", "field \"title\" is not a datetime"),
        bad("author = \"{a-1}\"", "field \"author\" is an object; filter on one of its fields"),
        bad("created_on > 5", "field \"created_on\" is a datetime and cannot be compared with number 5"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typeMismatches")
  void rejectsComparisonsBetweenIncompatibleTypes(String query, String expectedFragment) {
    BbqlQuery parsed = Bbql.parse(query);
    BbqlException error = assertThrows(BbqlException.class, () -> OBJECTS.forEach(parsed::matches));
    assertTrue(error.getMessage().contains(expectedFragment),
        () -> "message \"" + error.getMessage() + "\" lacks \"" + expectedFragment + "\"");
  }

  @Test
  void issuePrioritiesCompareBySeverityNotAlphabetically() {
    List<JsonNode> issues = parseAll("{'id':1,'priority':'trivial'}", "{'id':2,'priority':'minor'}",
        "{'id':3,'priority':'major'}", "{'id':4,'priority':'critical'}", "{'id':5,'priority':'blocker'}");
    BbqlQuery atLeastMajor = Bbql.parse("priority >= \"major\"");
    assertEquals(List.of(3, 4, 5), issues.stream().filter(atLeastMajor::matches).map(o -> o.get("id").intValue())
        .collect(Collectors.toList()));
    BbqlQuery belowCritical = Bbql.parse("priority < \"critical\"");
    assertEquals(List.of(1, 2, 3), issues.stream().filter(belowCritical::matches).map(o -> o.get("id").intValue())
        .collect(Collectors.toList()));
  }

  @Test
  void listsTheFieldsItReadsForEndpointsThatRestrictFiltering() {
    assertEquals(List.of("state", "author.uuid", "id"),
        Bbql.parse("(state = \"OPEN\" OR author.uuid = \"{a}\") AND id > 1 AND state != null").fields());
    assertEquals(List.of(), Bbql.parse("").fields());
    assertEquals("Field \"values.state\" does not support filtering",
        BbqlException.unsupportedField("values.state").getMessage());
  }

  @Test
  void deepNestingIsRejectedNotOverflowed() {
    String ok = "(".repeat(64) + "id = 1" + ")".repeat(64);
    assertEquals(1, OBJECTS.stream().filter(Bbql.parse(ok)::matches).count());
    BbqlException error = assertThrows(BbqlException.class,
        () -> Bbql.parse("(".repeat(100_000) + "id = 1" + ")".repeat(100_000)));
    assertEquals("Invalid query: parentheses nested deeper than 64 at position 64", error.getMessage());
  }

  @Test
  void blankQueryFiltersNothing() {
    assertTrue(OBJECTS.stream().allMatch(Bbql.parse("  ")::matches));
    assertTrue(OBJECTS.stream().allMatch(Bbql.parse(null)::matches));
  }

  @Test
  void keywordsAreCaseInsensitiveButStringsAreVerbatim() {
    assertEquals(1, OBJECTS.stream().filter(Bbql.parse("state = \"OPEN\" AnD id = 4")::matches).count());
    assertEquals(0, OBJECTS.stream().filter(Bbql.parse("state = \"open\"")::matches).count());
  }

  private static Arguments row(String query, int... ids) {
    return Arguments.of(query, java.util.Arrays.stream(ids).boxed().collect(Collectors.toList()));
  }

  private static Arguments bad(String query, String fragment) {
    return Arguments.of(query, fragment);
  }

  static List<JsonNode> parseAll(String... singleQuotedJson) {
    return Stream.of(singleQuotedJson).map(BbqlTest::parse).collect(Collectors.toList());
  }

  static JsonNode parse(String singleQuotedJson) {
    try {
      return JSON.readTree(singleQuotedJson.replace('\'', '"'));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(singleQuotedJson, e);
    }
  }
}
