package io.github.sparkbitbucket.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bearer tokens, Basic email:apiToken, scopes, and the OAuth token endpoint. */
class AuthTest extends EmulatorTestBase {

  private static Reply token(String form, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(EMU.oauthTokenUrl()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return exchange(b.build());
  }

  private static String clientBasic() {
    return basic(EMU.credentials().oauthClientId(), EMU.credentials().oauthClientSecret());
  }

  @Test
  void missingCredentialsGet401WithChallengeAndErrorBody() {
    Reply r = send("GET", "/repositories/acme", null, null);
    assertEquals(401, r.status());
    assertNotNull(r.header("WWW-Authenticate"));
    assertEquals("error", r.json().get("type").asText());
    assertTrue(r.json().get("error").has("message"));
  }

  @Test
  void wrongTokenAndWrongBasicGet401() {
    assertEquals(401, send("GET", "/user", null, "Bearer not-a-token").status());
    assertEquals(401, send("GET", "/user", null, basic(EMU.credentials().email(), "wrong")).status());
    assertEquals(401, send("GET", "/user", null, "Token abc").status());
  }

  @Test
  void basicEmailAndApiTokenIsAccepted() {
    Reply r = send("GET", "/user", null, basic(EMU.credentials().email(), EMU.credentials().apiToken()));
    assertEquals(200, r.status());
    assertEquals("user", r.json().get("type").asText());
  }

  @Test
  void readOnlyTokenReadsButGets403WithScopeDetailOnWrites() {
    String ro = "Bearer " + EMU.credentials().readOnlyToken();
    assertEquals(200, send("GET", "/repositories/acme", null, ro).status());
    Reply write = send("POST", "/workspaces/acme/projects", "{\"key\":\"RO\",\"name\":\"x\"}", ro);
    assertEquals(403, write.status());
    JsonNode error = write.json().get("error");
    assertEquals("Your credentials lack one or more required privilege scopes.", error.get("message").asText());
    assertEquals("project:admin", error.get("detail").get("required").get(0).asText());
    assertTrue(error.get("detail").get("granted").toString().contains("\"project\""));
    assertEquals(null, EMU.store().get("acme", null, "projects", "RO"), "a refused write changes nothing");
  }

  @Test
  void readOnlyTokenLacksThePipelineScope() {
    String repo = EMU.store().repositories("acme").get(0);
    Reply r = send("GET", "/repositories/acme/" + repo + "/pipelines", null, "Bearer " + EMU.credentials().readOnlyToken());
    assertEquals(403, r.status());
    assertEquals("pipeline", r.json().get("error").get("detail").get("required").get(0).asText());
  }

  @Test
  void clientCredentialsGrantByBasicOrFormFields() {
    Reply byBasic = token("grant_type=client_credentials", clientBasic());
    assertEquals(200, byBasic.status());
    JsonNode t = byBasic.json();
    assertEquals("bearer", t.get("token_type").asText());
    assertEquals(7200, t.get("expires_in").asInt());
    assertTrue(t.get("scopes").asText().contains("pullrequest:write"));
    assertNotNull(t.get("refresh_token"));
    assertEquals(200, send("GET", "/user", null, "Bearer " + t.get("access_token").asText()).status());

    Reply byForm = token("grant_type=client_credentials&client_id=" + EMU.credentials().oauthClientId()
        + "&client_secret=" + EMU.credentials().oauthClientSecret(), null);
    assertEquals(200, byForm.status());
    assertEquals(401, token("grant_type=client_credentials", basic("emu-client-id", "wrong")).status());
    assertEquals(400, token("grant_type=password", clientBasic()).status());
  }

  @Test
  void refreshTokensRotateAndTheOldOneStopsWorking() {
    String first = token("grant_type=client_credentials", clientBasic()).json().get("refresh_token").asText();
    Reply refreshed = token("grant_type=refresh_token&refresh_token=" + first, clientBasic());
    assertEquals(200, refreshed.status());
    String second = refreshed.json().get("refresh_token").asText();
    assertNotEquals(first, second);
    Reply reused = token("grant_type=refresh_token&refresh_token=" + first, clientBasic());
    assertEquals(400, reused.status());
    assertEquals("invalid_grant", reused.json().get("error").asText());
    assertEquals(200, token("grant_type=refresh_token&refresh_token=" + second, clientBasic()).status());
  }

  @Test
  void accessTokensExpireAfterTheConfiguredTtl() throws InterruptedException {
    EMU.faults().tokenTtl(Duration.ofMillis(300));
    String access = token("grant_type=client_credentials", clientBasic()).json().get("access_token").asText();
    assertEquals(200, send("GET", "/user", null, "Bearer " + access).status());
    // Wait on the condition (the token expiring), polling, rather than a fixed sleep.
    List<Integer> statuses = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int status = 200;
    while (status == 200 && System.nanoTime() < deadline) {
      status = send("GET", "/user", null, "Bearer " + access).status();
      statuses.add(status);
      if (status == 200) {
        Thread.onSpinWait();
      }
    }
    assertEquals(401, status, "statuses seen: " + statuses.size());
    Reply expired = send("GET", "/user", null, "Bearer " + access);
    assertEquals(401, expired.status());
  }
}
