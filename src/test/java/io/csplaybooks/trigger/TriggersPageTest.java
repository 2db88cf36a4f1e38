package io.csplaybooks.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.WorkspaceClient;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The studio's triggers page: a CS manager reads every trigger in words with its figures, declares one
 * from the form (a wrong number refused naming its field, nothing declared), changes it and switches it
 * off; in Korean too; a CSM may not open it.
 */
class TriggersPageTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired Triggers triggers;

  WorkspaceClient loggedIn(String user) {
    WorkspaceClient client = new WorkspaceClient(port);
    assertThat(client.login(user, PASSWORD).statusCode()).as("login of " + user).isEqualTo(302);
    return client;
  }

  @Test
  void aCsManagerDeclaresChangesAndSwitchesOffATriggerInWords() {
    WorkspaceClient browser = loggedIn("mia");
    HttpResponse<String> list = browser.get("/studio/triggers");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("Quiet churn", "Health fell to yellow or worse", "Usage down 20 % or more against 30"
        + " days before", "data-message=\"QuietChurn\"").doesNotContain("style=");
    assertThat(browser.get("/studio/triggers/new").body()).contains("Champion or executive sponsor changed",
        "id=\"kind0\"").doesNotContain("style=");

    String token = browser.csrfOf("/studio/triggers/new");
    String name = "Sponsor left " + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", token);
    form.put("name", name);
    form.put("kind0", "stakeholder-changed");
    form.put("role0", "executive-sponsor");
    form.put("days0", "many");
    form.put("kind1", "");
    form.put("segment", "strategic");
    form.put("enabled", "true");
    int before = triggers.list().size();
    HttpResponse<String> refused = browser.post("/studio/triggers", form);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("conditions[0].days: must be a whole number");
    assertThat(triggers.list()).hasSize(before);

    form.put("days0", "14");
    HttpResponse<String> declared = browser.post("/studio/triggers", form);
    assertThat(declared.statusCode()).isEqualTo(302);
    Trigger trigger = triggers.list().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    assertThat(trigger.conditions()).containsExactly(new TriggerCondition("stakeholder-changed", null, null, 14, null,
        "executive-sponsor"));
    assertThat(trigger.segments()).containsExactly("strategic");
    assertThat(trigger.createdBy()).isEqualTo("mia");
    assertThat(browser.get("/studio/triggers").body()).contains(name, "Executive sponsor changed or left within 14 days",
        "Strategic");

    HttpResponse<String> off = browser.post("/studio/triggers/" + trigger.id() + "/enabled",
        Map.of("_csrf", token, "enabled", "false"));
    assertThat(off.statusCode()).isEqualTo(302);
    assertThat(triggers.find(trigger.id()).enabled()).isFalse();

    assertThat(browser.language("ko").get("/studio/triggers").body()).contains("트리거", "건강도가 노란색 이하로 떨어짐");
  }

  @Test
  void aCsmMayNotOpenOrChangeTriggers() {
    WorkspaceClient carl = loggedIn("carl");
    assertThat(carl.get("/studio/triggers").statusCode()).isEqualTo(403);
    assertThat(carl.post("/studio/triggers", Map.of("_csrf", carl.csrfOf("/inbox"), "name", "Mine", "kind0",
        "no-contact", "days0", "30")).statusCode()).isEqualTo(403);
  }
}
