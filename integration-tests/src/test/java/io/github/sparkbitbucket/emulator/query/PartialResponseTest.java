package io.github.sparkbitbucket.emulator.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fields= parameter: each row is a fields value and the exact body it must produce from {@link #PAGE}
 * (compared as JSON, key order included).
 */
class PartialResponseTest {
  /** A paginated pull-request envelope, as the emulator serves it before fields= is applied. */
  static final JsonNode PAGE = BbqlTest.parse("{'size':3,'page':1,'pagelen':2,"
      + "'next':'http://h/2.0/r?page=2','values':["
      + "{'id':1,'state':'OPEN','author':{'uuid':'{a}','display_name':'Ann','links':{'avatar':{'href':'u1'}}},"
      + "'reviewers':[{'uuid':'{b}','links':{'html':{'href':'r1'}}}],'assignee':null,"
      + "'links':{'self':{'href':'s1'},'html':{'href':'h1'}}},"
      + "{'id':2,'state':'MERGED','author':{'uuid':'{b}','display_name':'Bob','links':{'avatar':{'href':'u2'}}},"
      + "'reviewers':[],'assignee':{'uuid':'{a}'},"
      + "'links':{'self':{'href':'s2'},'html':{'href':'h2'}}}]}");

  static Stream<Arguments> selections() {
    return Stream.of(
        // only the listed fields: the envelope loses next/size/page/pagelen unless they are listed
        row("values.id", "{'values':[{'id':1},{'id':2}]}"),
        row("values.id,values.state", "{'values':[{'id':1,'state':'OPEN'},{'id':2,'state':'MERGED'}]}"),
        row("values.state,values.id", "{'values':[{'id':1,'state':'OPEN'},{'id':2,'state':'MERGED'}]}"),
        row("values.id,next", "{'next':'http://h/2.0/r?page=2','values':[{'id':1},{'id':2}]}"),
        row("next,size,values.author.uuid",
            "{'size':3,'next':'http://h/2.0/r?page=2','values':[{'author':{'uuid':'{a}'}},"
                + "{'author':{'uuid':'{b}'}}]}"),
        row("values.reviewers.uuid,values.id",
            "{'values':[{'id':1,'reviewers':[{'uuid':'{b}'}]},{'id':2,'reviewers':[]}]}"),
        row("values.assignee.uuid",
            "{'values':[{'assignee':null},{'assignee':{'uuid':'{a}'}}]}"),
        row("values.links.self.href",
            "{'values':[{'links':{'self':{'href':'s1'}}},{'links':{'self':{'href':'s2'}}}]}"),
        row("size", "{'size':3}"),
        row("no_such_field", "{}"),
        row(" values.id", "{}"), // an unencoded + arrives as a space and names no field
        // removal keeps everything else, envelope included
        row("-values.links,-values.author.links,-values.reviewers.links",
            "{'size':3,'page':1,'pagelen':2,'next':'http://h/2.0/r?page=2','values':["
                + "{'id':1,'state':'OPEN','author':{'uuid':'{a}','display_name':'Ann'},"
                + "'reviewers':[{'uuid':'{b}'}],'assignee':null},"
                + "{'id':2,'state':'MERGED','author':{'uuid':'{b}','display_name':'Bob'},"
                + "'reviewers':[],'assignee':{'uuid':'{a}'}}]}"),
        row("-values,-next", "{'size':3,'page':1,'pagelen':2}"),
        row("-values.*", "{'size':3,'page':1,'pagelen':2,'next':'http://h/2.0/r?page=2','values':[{},{}]}"),
        row("-values.*.links,-values.*.*.links,-values.links,-values,+values.id",
            "{'size':3,'page':1,'pagelen':2,'next':'http://h/2.0/r?page=2','values':[{'id':1},{'id':2}]}"),
        row("-values.links.*",
            without("links", "{'links':{}}")),
        // wildcards
        row("-*", "{}"),
        row("-*,+size,+values.id", "{'size':3,'values':[{'id':1},{'id':2}]}"),
        row("*", PAGE.toString()),
        row("values.*.uuid",
            "{'values':[{'author':{'uuid':'{a}'},'reviewers':[{'uuid':'{b}'}],'assignee':null},"
                + "{'author':{'uuid':'{b}'},'reviewers':[],'assignee':{'uuid':'{a}'}}]}"),
        row("values.links.*.href",
            "{'values':[{'links':{'self':{'href':'s1'},'html':{'href':'h1'}}},"
                + "{'links':{'self':{'href':'s2'},'html':{'href':'h2'}}}]}"),
        // + adds to the defaults without dropping anything
        row("+values.author.uuid", PAGE.toString()),
        row("-values.author,+values.author.display_name",
            PAGE.toString().replace("\"uuid\":\"{a}\",\"display_name\":\"Ann\",\"links\":{\"avatar\":"
                + "{\"href\":\"u1\"}}", "\"display_name\":\"Ann\"")
                .replace("\"uuid\":\"{b}\",\"display_name\":\"Bob\",\"links\":{\"avatar\":"
                + "{\"href\":\"u2\"}}", "\"display_name\":\"Bob\"")),
        // the shape Backstage sends to /search/code: strip links at every depth, add one back
        row("-values.*.links,-values.*.*.links,-values.links,+values.author.links.avatar.href",
            "{'size':3,'page':1,'pagelen':2,'next':'http://h/2.0/r?page=2','values':["
                + "{'id':1,'state':'OPEN','author':{'uuid':'{a}','display_name':'Ann','links':{'avatar':"
                + "{'href':'u1'}}},'reviewers':[{'uuid':'{b}'}],'assignee':null},"
                + "{'id':2,'state':'MERGED','author':{'uuid':'{b}','display_name':'Bob','links':{'avatar':"
                + "{'href':'u2'}}},'reviewers':[],'assignee':{'uuid':'{a}'}}]}"),
        // empty entries are ignored
        row("values.id,,", "{'values':[{'id':1},{'id':2}]}"));
  }

  @ParameterizedTest(name = "fields={0}")
  @MethodSource("selections")
  void selectsFields(String fields, String expectedJson) {
    JsonNode expected = BbqlTest.parse(expectedJson);
    JsonNode actual = PartialResponse.apply(PAGE, fields);
    assertEquals(expected, actual);
    assertEquals(expected.toString(), actual.toString(), "key order follows the original body");
  }

  @Test
  void leavesTheBodyUntouched() {
    String before = PAGE.toString();
    PartialResponse.apply(PAGE, "-values.*.links,-next");
    PartialResponse.apply(PAGE, "values.id");
    assertEquals(before, PAGE.toString());
  }

  @Test
  void noFieldsMeansTheBodyItself() {
    assertSame(PAGE, PartialResponse.apply(PAGE, null));
    assertSame(PAGE, PartialResponse.apply(PAGE, ""));
  }

  @Test
  void worksOnSingleObjectsLikeTheDocumentedUserExample() {
    JsonNode user = BbqlTest.parse("{'display_name':'Erik','links':{'self':{'href':'x'},'avatar':{'href':'y'}},"
        + "'uuid':'{u}','created_on':'2010-07-07T05:16:36+00:00','type':'user'}");
    assertEquals(BbqlTest.parse("{'display_name':'Erik','uuid':'{u}','created_on':'2010-07-07T05:16:36+00:00',"
        + "'type':'user'}"), PartialResponse.apply(user, "-links"));
    assertEquals(BbqlTest.parse("{'display_name':'Erik','links':{},'uuid':'{u}',"
        + "'created_on':'2010-07-07T05:16:36+00:00','type':'user'}"), PartialResponse.apply(user, "-links.*"));
    assertEquals(BbqlTest.parse("{'links':{'self':{'href':'x'}},'uuid':'{u}'}"),
        PartialResponse.apply(user, "uuid,links.self.href"));
  }

  @ParameterizedTest(name = "fields={0}")
  @ValueSource(strings = {"values..id", "+", "-", ".id", "values.", "a,-.b"})
  void rejectsEmptyPathSegments(String fields) {
    BbqlException error = assertThrows(BbqlException.class, () -> PartialResponse.apply(PAGE, fields));
    assertTrue(error.getMessage().startsWith("Invalid fields parameter"), error.getMessage());
  }

  private static String without(String field, String replacementJson) {
    JsonNode copy = PAGE.deepCopy();
    JsonNode replacement = BbqlTest.parse(replacementJson).get(field);
    copy.get("values").forEach(v -> ((com.fasterxml.jackson.databind.node.ObjectNode) v).set(field, replacement));
    return copy.toString();
  }

  private static Arguments row(String fields, String expectedJson) {
    return Arguments.of(fields, expectedJson);
  }

  /**
   * Listed paths without wildcards take a one-walk path; it must give exactly what applying the
   * entries one by one gives, key order included, for any mix of paths (random lists over the
   * fields of {@link #PAGE}, with duplicates, prefixes of each other and fields that do not exist).
   */
  @Test
  void theOneWalkSelectionEqualsEntryByEntry() {
    String[] paths = {"next", "size", "page", "values", "values.id", "values.state", "values.author",
        "values.author.uuid", "values.author.links.avatar.href", "values.author.links",
        "values.reviewers.uuid", "values.reviewers", "values.reviewers.links.html", "values.assignee",
        "values.assignee.uuid", "values.links.self.href", "values.nope", "values.id.deeper", "nope"};
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 2000; round++) {
      java.util.List<String> picked = new java.util.ArrayList<>();
      for (int n = 1 + random.nextInt(6); n > 0; n--) {
        picked.add(paths[random.nextInt(paths.length)]);
      }
      String fields = String.join(",", picked);
      assertEquals(PartialResponse.applyInOrder(PAGE, FieldSpec.parseAll(fields)).toString(),
          PartialResponse.apply(PAGE, fields).toString(), fields);
    }
  }
}
