package io.github.sparkbitbucket.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shape comparison the fidelity test relies on: it must see each kind of difference, and only those. */
class JsonShapeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SAMPLE = "{'type':'pullrequest','id':7,'title':'t','author':{'uuid':"
      + "'{d301aafa-d676-4ee0-88be-962be7417567}','username':'old'},'created_on':'2023-11-26T09:14:19.123456+00:00',"
      + "'source':{'commit':{'hash':'e6f3b0d1c3b6'}},'reviewers':[{'uuid':'{d301aafa-d676-4ee0-88be-962be7417567}'}],"
      + "'links':{'html':{'href':'https://bitbucket.org/a/b/pull-requests/7'}},'closed_by':null,'score':1.5}";

  @Test
  void identicalShapesHaveNoDifferences() {
    JsonShape sample = JsonShape.of(json(SAMPLE));
    assertEquals(List.of(), sample.differencesFrom(sample, Set.of(), true));
  }

  @Test
  void reportsMissingExtraAndMisformattedFieldsAtOnce() {
    JsonShape sample = JsonShape.of(json(SAMPLE));
    JsonShape emulator = JsonShape.of(json("{'type':'pullrequest','id':'7','title':'t','author':{'uuid':'d301aafa'},"
        + "'created_on':'2023-11-26T09:14:19','source':{'commit':{'hash':'e6f3b0d1c3b6e6f3b0d1c3b6e6f3b0d1c3b6abcd'}},"
        + "'reviewers':[{'uuid':'{d301aafa-d676-4ee0-88be-962be7417567}','extra':1}],"
        + "'links':{'html':{'href':'/relative'}},'closed_by':{'uuid':'{d301aafa-d676-4ee0-88be-962be7417567}'},"
        + "'score':2,'invented':{'a':1}}"));
    assertEquals(List.of(
        "missing author.username (sample: [string])",
        "kind of author.uuid: sample [uuid], emulator [hex(8)]",
        "kind of created_on: sample [datetime], emulator [datetime-without-offset]",
        "kind of id: sample [integer], emulator [string]",
        "kind of links.html.href: sample [url], emulator [string]",
        "kind of source.commit.hash: sample [hex(12)], emulator [hex(40)]",
        "extra closed_by.uuid [uuid] (no sample has it)",
        "extra invented [object] (no sample has it)",
        "extra reviewers[].extra [integer] (no sample has it)"),
        emulator.differencesFrom(sample, Set.of(), true));
  }

  @Test
  void ignoredPathsAndUnreportedExtrasAreSkipped() {
    JsonShape sample = JsonShape.of(json(SAMPLE));
    JsonShape emulator = JsonShape.of(json(SAMPLE.replace("'username':'old'", "'nickname':'n'")));
    assertEquals(List.of(), emulator.differencesFrom(sample, Set.of("author.username"), false));
    assertEquals(List.of("extra author.nickname [string] (no sample has it)"),
        emulator.differencesFrom(sample, Set.of("author.username"), true));
  }

  @Test
  void wildcardIgnoresAFieldAtAnyDepth() {
    JsonShape sample = JsonShape.of(json("{'username':'a','author':{'username':'b','user':{'username':'c'}},"
        + "'reviewers':[{'username':'d'}]}"));
    JsonShape emulator = JsonShape.of(json("{'author':{'user':{}},'reviewers':[{}]}"));
    assertEquals(List.of(), emulator.differencesFrom(sample, Set.of("*.username"), true));
  }

  @Test
  void accountIdsAreNotMistakenForHashes() {
    assertEquals("string", JsonShape.kind(json("{'a':'5b0f4c8e2c1e4a2b3c4d5e6f'}").get("a")));
    assertEquals("hex(12)", JsonShape.kind(json("{'a':'e6cd2efc892e'}").get("a")));
    assertEquals("hex(40)", JsonShape.kind(json("{'a':'bf0e8b7962c024026ad01ae09d3a11732e26c0d4'}").get("a")));
    assertEquals("string", JsonShape.kind(json("{'a':'1234567'}").get("a")));
  }

  @Test
  void unionOverObjectsSeesFieldsOnlySomeObjectsHave() {
    JsonShape page = JsonShape.of(List.of(json("{'closed_by':null}"),
        json("{'closed_by':{'display_name':'Ann'}}")));
    assertEquals(Set.of("closed_by", "closed_by.display_name"), page.paths());
    assertEquals(Set.of("null", "object"), page.kindsAt("closed_by"));
  }

  private static JsonNode json(String singleQuoted) {
    try {
      return JSON.readTree(singleQuoted.replace('\'', '"'));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
