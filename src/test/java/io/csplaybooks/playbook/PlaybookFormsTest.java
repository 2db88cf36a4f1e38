package io.csplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.security.Groups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The forms' dynamic lists as the steps read them: which variables a person may set with a list,
 * which fields a task's form shows as a list (and so is filled with rows), and the choices the
 * lists offer, the same the steps accept.
 */
class PlaybookFormsTest {

  static final String LIST_FORM = """
      {"id":"plan","type":"default","components":[
        {"type":"textarea","key":"planGoals","id":"g"},
        {"type":"dynamiclist","path":"planKpis","isRepeating":true,"id":"l","components":[
          {"type":"textfield","key":"name","id":"n"},{"type":"number","key":"target","id":"t"}]},
        {"type":"expression","key":"planKpisRows","expression":"=count(planKpis)","id":"e"},
        {"type":"textarea","key":"promisedItems","disabled":true,"id":"p"}]}""";

  @Test
  void aListIsOneVariableItsRowsFieldsAreNot() {
    assertThat(PlaybookForms.settable(LIST_FORM.getBytes())).containsExactlyInAnyOrder("planGoals", "planKpis",
        "planKpisRows");
    assertThat(PlaybookForms.lists(LIST_FORM.getBytes())).containsExactly("planKpis");
    // The form of an earlier version: text areas, so its tasks are filled with text lines.
    assertThat(PlaybookForms.lists("""
        {"id":"plan","type":"default","components":[{"type":"textarea","key":"planKpis","id":"k"}]}""".getBytes()))
        .isEmpty();
    assertThat(PlaybookForms.lists("not a form".getBytes())).isEmpty();
    assertThat(PlaybookForms.read("plan.form", LIST_FORM.getBytes()).problems()).isEmpty();
  }

  @Test
  void theFormsListsAreTheOnesTheStepsRead() throws IOException {
    Map<String, Set<String>> expected = Map.of(
        "success-plan", Set.of("planKpis", "planMilestones"),
        "agree-action-plan", Set.of("correctiveActions"),
        "record-qbr-outcome", Set.of("kpiValues", "feedbackItems"),
        "complete-handoff-brief", Set.of("promisedItems"),
        "contract-closed", Set.of("promisedItems"),
        "hold-kickoff", Set.of());
    for (Map.Entry<String, Set<String>> form : expected.entrySet()) {
      assertThat(PlaybookForms.lists(read(form.getKey()))).as(form.getKey()).isEqualTo(form.getValue());
    }
  }

  @Test
  void everyOwnerTeamChoiceIsATeamAndEveryTeamIsAChoice() throws IOException {
    for (String form : List.of("success-plan", "agree-action-plan")) {
      List<String> choices = new ArrayList<>();
      collect(new ObjectMapper().readTree(read(form)), "ownerTeam", choices);
      assertThat(choices).as(form).containsExactlyInAnyOrderElementsOf(Groups.TEAMS);
    }
  }

  private static void collect(JsonNode component, String key, List<String> choices) {
    if (key.equals(component.path("key").asText())) {
      component.path("values").forEach(v -> choices.add(v.path("value").asText()));
    }
    component.path("components").forEach(child -> collect(child, key, choices));
  }

  private static byte[] read(String form) throws IOException {
    return Files.readAllBytes(Path.of("forms", form + ".form"));
  }
}
