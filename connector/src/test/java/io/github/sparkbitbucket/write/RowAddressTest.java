package io.github.sparkbitbucket.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RowAddressTest {
  private final RowAddress comment = new RowAddress("pullrequest_comments", "acme", "api",
      "pullrequest_id", "7", "id", "42");

  @Test
  void fillsPlaceholdersInTemplateOrder() {
    String item = "/repositories/{ws}/{repo}/pullrequests/{parent}/comments/{key}";
    assertArrayEquals(new Object[] {"acme", "api", "7", "42"}, comment.argsFor(item));
    assertEquals("/repositories/acme/api/pullrequests/7/comments/42", comment.render(item));
    assertArrayEquals(new Object[] {"acme", "42"},
        comment.argsFor("/workspaces/{ws}/projects/{key}"));
  }

  @Test
  void namesTheRowByItsKey() {
    assertEquals("pullrequest_comments (workspace=acme, repository=api, pullrequest_id=7, id=42)",
        comment.toString());
    assertEquals("pullrequests (workspace=acme, repository=api)",
        new RowAddress("pullrequests", "acme", "api", null, null, "id", null).toString());
  }

  @Test
  void aMissingValueIsAnErrorNotAWrongUrl() {
    RowAddress noKey = comment.withKey(null);
    assertThrows(IllegalStateException.class,
        () -> noKey.argsFor("/repositories/{ws}/{repo}/pullrequests/{parent}/comments/{key}"));
  }
}
