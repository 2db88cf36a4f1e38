package io.csplaybooks.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * /api/triggers: CS managers declare, list, change and switch off triggers; a wrong value is a 400
 * naming the field and why, and changes nothing; nobody else may. A playbook that waits for a trigger's
 * event deploys (the deploy-time validation knows the declared events); one that waits for an event
 * nobody declared is still refused.
 */
class TriggerApiTest extends IntegrationTest {

  @Autowired Triggers triggers;

  private final List<Long> declared = new ArrayList<>();

  @AfterEach
  void switchOffThisTestsTriggers() {
    declared.forEach(id -> triggers.enable(id, false, "test"));
  }

  @Test
  void aCsManagerDeclaresListsChangesAndSwitchesOffATrigger() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    ResponseEntity<Map> created = as("mia").postForEntity("/api/triggers", Map.of(
        "name", "Executive sponsor changed " + suffix,
        "conditions", List.of(Map.of("kind", "stakeholder-changed", "role", "executive-sponsor")),
        "segments", List.of("strategic", "enterprise")), Map.class);

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    Map<?, ?> trigger = created.getBody();
    declared.add(((Number) trigger.get("id")).longValue());
    assertThat(trigger.get("message")).isEqualTo("ExecutiveSponsorChanged" + suffix.substring(0, 1).toUpperCase()
        + suffix.substring(1));
    assertThat(trigger.get("createdBy")).isEqualTo("mia");
    assertThat(trigger.get("enabled")).isEqualTo(true);
    assertThat((List<Map<String, Object>>) trigger.get("conditions")).singleElement()
        .satisfies(c -> assertThat(c).containsEntry("kind", "stakeholder-changed").containsEntry("role", "executive-sponsor")
            .containsEntry("days", 30));
    assertThat((List<Object>) trigger.get("segments")).containsExactly("strategic", "enterprise");

    List<Map<String, Object>> listed = as("mia").getForObject("/api/triggers", List.class);
    assertThat(listed).anySatisfy(t -> assertThat(t).containsEntry("id", trigger.get("id"))
        .containsEntry("firedLast30Days", 0));
    assertThat(listed).anySatisfy(t -> assertThat(t).containsEntry("message", "QuietChurn"));

    ResponseEntity<Map> off = as("mia").exchange("/api/triggers/" + trigger.get("id"), HttpMethod.PUT,
        new HttpEntity<>(Map.of("name", "Sponsor left " + suffix, "enabled", false,
            "conditions", List.of(Map.of("kind", "stakeholder-changed", "role", "executive-sponsor", "days", 60)))),
        Map.class);
    assertThat(off.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(off.getBody()).containsEntry("enabled", false).containsEntry("name", "Sponsor left " + suffix)
        .containsEntry("message", trigger.get("message")).containsEntry("updatedBy", "mia");
    assertThat((List<?>) off.getBody().get("segments")).isEmpty();
  }

  @Test
  void wrongValuesAreRefusedNamingEachFieldAndNothingIsDeclared() {
    int before = triggers.list().size();
    ResponseEntity<Map> refused = as("mia").postForEntity("/api/triggers", Map.of(
        "name", "  ",
        "conditions", List.of(
            Map.of("kind", "health-band", "band", "green"),
            Map.of("kind", "score-drop", "points", 0),
            Map.of("kind", "usage-drop", "percent", 20, "role", "champion"),
            Map.of("kind", "weather")),
        "segments", List.of("galactic")), Map.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<Map<String, String>>) refused.getBody().get("errors"))
        .extracting(e -> e.get("field") + ": " + e.get("reason"))
        .containsExactly("name: is required",
            "conditions: at most 3, all of which must hold",
            "segments[0]: must be one of strategic, enterprise, mid-market, scaled");

    refused = as("mia").postForEntity("/api/triggers", Map.of(
        "name", "Wrong numbers",
        "conditions", List.of(
            Map.of("kind", "health-band", "band", "green"),
            Map.of("kind", "score-drop", "points", 0),
            Map.of("kind", "usage-drop", "percent", 20, "role", "champion"))), Map.class);
    assertThat((List<Map<String, String>>) refused.getBody().get("errors"))
        .extracting(e -> e.get("field") + ": " + e.get("reason"))
        .containsExactly("conditions[0].band: must be one of yellow, red",
            "conditions[1].points: must be from 1 to 100",
            "conditions[1].days: is required: a whole number from 1 to 365",
            "conditions[2].role: is not read by 'usage-drop', which reads days and percent: leave it out");

    refused = as("mia").postForEntity("/api/triggers", Map.of("name", "Health turned red",
        "conditions", List.of(Map.of("kind", "health-band", "band", "red"))), Map.class);
    assertThat((List<Map<String, String>>) refused.getBody().get("errors"))
        .extracting(e -> e.get("field") + ": " + e.get("reason"))
        .containsExactly("name: names the application's own event HealthTurnedRed: choose another name");

    refused = as("mia").postForEntity("/api/triggers", Map.of("name", "조용한 이탈",
        "conditions", List.of(Map.of("kind", "health-band", "band", "red"))), Map.class);
    assertThat((List<Map<String, String>>) refused.getBody().get("errors"))
        .extracting(e -> e.get("field")).containsExactly("message");

    refused = as("mia").postForEntity("/api/triggers", Map.of("name", "Again", "message", "QuietChurn",
        "conditions", List.of(Map.of("kind", "health-band", "band", "red"))), Map.class);
    assertThat((List<Map<String, String>>) refused.getBody().get("errors"))
        .extracting(e -> e.get("field") + ": " + e.get("reason"))
        .containsExactly("message: the trigger 'Quiet churn' sends the event QuietChurn already: choose another name");

    assertThat(triggers.list()).hasSize(before);
  }

  @Test
  void onlyCsManagersDeclareOrReadTriggers() {
    Map<String, Object> body = Map.of("name", "Not mine", "conditions",
        List.of(Map.of("kind", "no-contact", "days", 30)));
    int before = triggers.list().size();
    assertThat(as("carl").postForEntity("/api/triggers", body, Map.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("ada").getForEntity("/api/triggers", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.postForEntity("/api/triggers", body, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(triggers.list()).hasSize(before);
  }

  @Test
  void aPlaybookWaitingForADeclaredEventDeploysAndOneForAnUndeclaredEventDoesNot() {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Trigger trigger = triggers.declare(new TriggerInput("Renewal in 45 days " + suffix, null,
        List.of(new TriggerCondition("renewal-near", null, null, 45, null, null)), List.of(), true), "mia");
    declared.add(trigger.id());

    ResponseEntity<Map> deployed = deployAs("mia", "renewal prep", Map.of("renewal-prep-" + suffix + ".bpmn",
        waitingPlaybook("renewal-prep-" + suffix, trigger.message())));
    assertThat(deployed.getStatusCode()).as(String.valueOf(deployed.getBody())).isEqualTo(HttpStatus.OK);

    ResponseEntity<Map> refused = deployAs("mia", "nobody sends it", Map.of("nobody-" + suffix + ".bpmn",
        waitingPlaybook("nobody-" + suffix, "NobodySends" + suffix)));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(String.valueOf(refused.getBody())).contains("NobodySends" + suffix, "nothing in the application sends");
  }

  /** A playbook that starts on the message, after an async boundary, and gives the CSMs a task with a due date. */
  static String waitingPlaybook(String key, String message) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://csplaybooks.io/bpmn">
          <bpmn:message id="m" name="%2$s" />
          <bpmn:process id="%1$s" name="Waits for %2$s" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="started" name="Trigger fired" camunda:asyncAfter="true">
              <bpmn:outgoing>f1</bpmn:outgoing>
              <bpmn:messageEventDefinition id="md" messageRef="m" />
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="started" targetRef="prepare" />
            <bpmn:userTask id="prepare" name="Prepare the renewal" camunda:asyncAfter="true" camunda:candidateGroups="cs" camunda:dueDate="${quietChurnDeadlines.reviewDue()}">
              <bpmn:incoming>f1</bpmn:incoming>
              <bpmn:outgoing>f2</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="prepare" targetRef="done" />
            <bpmn:endEvent id="done" name="Prepared">
              <bpmn:incoming>f2</bpmn:incoming>
            </bpmn:endEvent>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, message);
  }
}
