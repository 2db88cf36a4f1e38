package io.csplaybooks.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.playbook.DeclaredEvents;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.sandbox.PlaybookBeans;
import io.csplaybooks.sandbox.PlaybookValidator;
import io.csplaybooks.sandbox.PlaybookValidatorTest;
import io.csplaybooks.security.Groups;
import io.csplaybooks.studio.lint.PlaybookLint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.Test;

/**
 * The palette's element templates are made from the code: every step a service task can call has one
 * with its name and description, a playbook made of nothing but templates passes the sandbox's
 * validator and the Modeler's lint rules, the committed file is what the code generates, the shipped
 * tasks that name a template write what it writes, and the check explains a task made without one.
 * Plain Java: no application, no database.
 */
class ElementTemplatesTest {

  static final Path COMMITTED = Path.of(ElementTemplates.COMMITTED);
  static final ObjectMapper JSON = new ObjectMapper();

  static final List<ElementTemplates.Step> STEPS = ElementTemplates.scanSteps("io.csplaybooks");

  static ElementTemplates templates(List<DeclaredEvents.DeclaredEvent> declared, List<String> deployedForms) {
    return new ElementTemplates(() -> declared, () -> deployedForms);
  }

  static Map<String, JsonNode> byId(JsonNode templates) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    templates.forEach(template -> byId.put(template.path("id").asText(), template));
    return byId;
  }

  /**
   * {@code .camunda/element-templates/cs-playbooks.json} is what the code generates. After a change of a
   * step, a team or an event, regenerate it with
   * {@code mvn -B test -Dtest=ElementTemplatesTest -Dcsp.templates.write=true} and commit it.
   */
  @Test
  void theCommittedTemplatesAreWhatTheCodeGenerates() throws IOException {
    String generated = ElementTemplates.write(templates(List.of(), List.of()).generated());
    if (Boolean.getBoolean("csp.templates.write")) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
    }
    assertThat(COMMITTED).as(COMMITTED + " (regenerate: see ElementTemplatesTest)").exists();
    String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
    // A template that writes something else under the same version would not be offered as an update.
    Map<String, JsonNode> before = byId(JSON.readTree(committed));
    Map<String, JsonNode> now = byId(JSON.readTree(generated));
    now.forEach((id, template) -> {
      JsonNode old = before.get(id);
      if (old != null && old.path("version").equals(template.path("version"))) {
        assertThat(template.path("properties")).as(id + " writes something else: raise ElementTemplates.VERSION,"
            + " then regenerate (see ElementTemplatesTest)").isEqualTo(old.path("properties"));
      }
    });
    assertThat(committed).as(COMMITTED + " (regenerate: see ElementTemplatesTest)").isEqualTo(generated);
  }

  @Test
  void everyStepSaysItselfInWordsAndEveryStepATaskCallsHasATemplate() {
    Map<String, JsonNode> templates = byId(templates(List.of(), List.of()).generated());
    assertThat(STEPS).hasSizeGreaterThan(40);
    for (ElementTemplates.Step step : STEPS) {
      PlaybookStep declared = step.declared();
      assertThat(declared.name()).as(step.bean() + "'s name").isNotBlank().doesNotContain("${");
      assertThat(declared.description()).as(step.bean() + "'s description").isNotBlank().endsWith(".");
      JsonNode template = templates.get("io.csplaybooks.step." + step.bean());
      if (step.isDelegate()) {
        assertThat(template).as("the template of " + step.bean()).isNotNull();
        assertThat(template.path("name").asText()).isEqualTo(declared.name());
        assertThat(template.path("description").asText()).endsWith(declared.description());
        assertThat(template.path("elementType").path("value").asText()).isEqualTo("bpmn:ServiceTask");
        assertThat(hidden(template, "camunda:delegateExpression")).isEqualTo("${" + step.bean() + "}");
        assertThat(hidden(template, "camunda:asyncBefore")).isEqualTo(declared.asyncBefore() ? "true" : null);
        assertThat(hidden(template, "camunda:asyncAfter")).isEqualTo(declared.asyncAfter() ? "true" : null);
      } else {
        // A Camunda 7 template cannot add a task listener: such a step comes with its user task.
        assertThat(TaskListener.class.isAssignableFrom(step.type())
            || ExecutionListener.class.isAssignableFrom(step.type())).as(step.bean() + " is a listener").isTrue();
        assertThat(template).as(step.bean() + " is no service task").isNull();
      }
    }
    // The steps that send an event say so.
    assertThat(templates.get("io.csplaybooks.step.flagStalledOnboarding").path("description").asText())
        .startsWith("Sends AccountAtRisk. ");
    assertThat(templates.get("io.csplaybooks.step.flagStalledOnboarding").path("metadata").path("sends").get(0).asText())
        .isEqualTo("AccountAtRisk");
  }

  @Test
  void everyTeamAndPersonAndEventHasATemplateWithAStableId() {
    Map<String, JsonNode> templates = byId(templates(List.of(), List.of()).generated());
    for (String team : Groups.TEAMS) {
      JsonNode template = templates.get("io.csplaybooks.task." + team);
      assertThat(template).as("the task template of " + team).isNotNull();
      assertThat(hidden(template, "camunda:candidateGroups")).isEqualTo(team);
      assertThat(hidden(template, "camunda:assignee")).isNull();
    }
    assertThat(hidden(templates.get("io.csplaybooks.task.csm"), "camunda:assignee"))
        .isEqualTo("${accountFacts.csm(accountId)}");
    assertThat(hidden(templates.get("io.csplaybooks.task.account-executive"), "camunda:assignee"))
        .isEqualTo("${accountFacts.accountExecutive(accountId)}");
    assertThat(hidden(templates.get("io.csplaybooks.task.renewal-owner"), "camunda:assignee"))
        .isEqualTo("${renewalFacts.owner(accountId)}");
    JsonNode csm = templates.get("io.csplaybooks.task.csm");
    JsonNode due = property(csm, "camunda:inputParameter", "dueInBusinessDays");
    assertThat(due.path("label").asText()).isEqualTo("Due in business days");
    assertThat(due.path("constraints").path("notEmpty").asBoolean()).isTrue();
    for (String good : List.of("1", "5", "99", "120", "250")) {
      assertThat(good).matches(due.path("constraints").path("pattern").path("value").asText());
    }
    for (String bad : List.of("0", "05", "251", "1000", "-1", "5.5", "${x}", "")) {
      assertThat(bad).doesNotMatch(due.path("constraints").path("pattern").path("value").asText());
    }
    JsonNode form = property(csm, "property", "camunda:formRef");
    assertThat(form.path("type").asText()).isEqualTo("Dropdown");
    List<String> forms = new ArrayList<>();
    form.path("choices").forEach(choice -> forms.add(choice.path("value").asText()));
    assertThat(forms).contains("hold-kickoff", "do-one-off-task", "diagnose-risk")
        // A start form sets what a person's task may not.
        .doesNotContain("contract-closed");
    assertThat(form.path("choices").toString()).contains("\"name\":\"Hold the kickoff (hold-kickoff)\"");

    for (PlaybookEvent event : PlaybookEvent.values()) {
      JsonNode start = templates.get("io.csplaybooks.start." + event.message());
      assertThat(start).as("the start template of " + event).isNotNull();
      assertThat(hidden(start, "camunda:asyncAfter")).isEqualTo("true");
      assertThat(start.path("metadata").path("message").asText()).isEqualTo(event.message());
      assertThat(start.path("description").asText()).contains("'" + event.message() + "'");
      assertThat(templates.get("io.csplaybooks.catch." + event.message())).as("the catch template of " + event)
          .isNotNull();
    }
    templates.values().forEach(template -> {
      assertThat(template.path("$schema").asText()).isEqualTo(ElementTemplates.SCHEMA);
      assertThat(template.path("id").asText()).matches("io\\.csplaybooks\\.(step|task|start|catch)\\.[A-Za-z-]+");
      assertThat(template.path("version").asInt()).isEqualTo(ElementTemplates.VERSION);
      assertThat(template.path("name").asText()).isNotBlank();
    });
  }

  @Test
  void theServedTemplatesAddTheDeclaredEventsAndTheDeployedForms() {
    ElementTemplates templates = templates(List.of(
        new DeclaredEvents.DeclaredEvent("ExecutiveSponsorChanged", "Executive sponsor changed",
            "when an account's executive sponsor changes or leaves"),
        // The application's own event, declared again, stays the application's.
        new DeclaredEvents.DeclaredEvent("HealthTurnedRed", "Red", "a trigger"),
        new DeclaredEvents.DeclaredEvent("Bad name\"<x>", "Broken", "a trigger")), List.of("my-own-form", "hold-kickoff"));
    Map<String, JsonNode> served = byId(templates.served());
    Map<String, JsonNode> generated = byId(templates.generated());
    assertThat(served.keySet()).containsAll(generated.keySet());
    assertThat(served.keySet()).hasSize(generated.size() + 2)
        .contains("io.csplaybooks.start.ExecutiveSponsorChanged", "io.csplaybooks.catch.ExecutiveSponsorChanged");
    JsonNode start = served.get("io.csplaybooks.start.ExecutiveSponsorChanged");
    assertThat(start.path("name").asText()).isEqualTo("Starts on: Executive sponsor changed");
    assertThat(start.path("metadata").path("declared").asBoolean()).isTrue();
    assertThat(hidden(start, "camunda:asyncAfter")).isEqualTo("true");
    assertThat(served.get("io.csplaybooks.start.HealthTurnedRed")).isEqualTo(generated.get("io.csplaybooks.start.HealthTurnedRed"));
    List<String> forms = new ArrayList<>();
    property(served.get("io.csplaybooks.task.cs"), "property", "camunda:formRef").path("choices")
        .forEach(choice -> forms.add(choice.path("value").asText()));
    assertThat(forms).containsOnlyOnce("hold-kickoff").endsWith("my-own-form");
    assertThat(templates.generated().toString()).doesNotContain("ExecutiveSponsorChanged", "my-own-form");
  }

  @Test
  void theServedTemplatesSpeakKoreanToAKoreanBrowserAndWriteTheSame() {
    ElementTemplates palette = templates(List.of(new DeclaredEvents.DeclaredEvent("ExecutiveSponsorChanged",
        "임원 스폰서 변경", "when an account's executive sponsor changes")), List.of());
    JsonNode english = palette.served(Locale.ENGLISH);
    JsonNode korean = palette.served(Locale.KOREAN);
    assertThat(english).isEqualTo(palette.served());
    assertThat(korean).hasSameSizeAs(english);
    Pattern hangul = Pattern.compile("\\p{IsHangul}");
    for (int i = 0; i < english.size(); i++) {
      JsonNode en = english.get(i);
      JsonNode ko = korean.get(i);
      String id = en.path("id").asText();
      assertThat(ko.path("id")).isEqualTo(en.path("id"));
      assertThat(ko.path("version")).isEqualTo(en.path("version"));
      assertThat(ko.path("metadata")).isEqualTo(en.path("metadata"));
      assertThat(ko.path("name").asText()).as(id + "'s name").containsPattern(hangul);
      assertThat(ko.path("description").asText()).as(id + "'s description").containsPattern(hangul);
      for (int p = 0; p < en.path("properties").size(); p++) {
        JsonNode enProperty = en.path("properties").get(p);
        JsonNode koProperty = ko.path("properties").get(p);
        assertThat(koProperty.path("binding")).as(id + " writes the same").isEqualTo(enProperty.path("binding"));
        assertThat(koProperty.path("type")).isEqualTo(enProperty.path("type"));
        if (enProperty.has("label")) {
          assertThat(koProperty.path("label").asText()).as(id + "'s label " + enProperty.path("label"))
              .containsPattern(hangul);
        }
        if (!enProperty.path("binding").path("name").asText().equals("name")) {
          assertThat(koProperty.path("value")).as(id + "'s value").isEqualTo(enProperty.path("value"));
        }
        for (int c = 0; c < enProperty.path("choices").size(); c++) {
          assertThat(koProperty.path("choices").get(c).path("value")).isEqualTo(enProperty.path("choices").get(c).path("value"));
          assertThat(koProperty.path("choices").get(c).path("name").asText()).as(id + "'s choice").containsPattern(hangul);
        }
      }
    }
    Map<String, JsonNode> byId = byId(korean);
    assertThat(byId.get("io.csplaybooks.task.csm").path("name").asText()).isEqualTo("고객사 CSM의 작업");
    assertThat(byId.get("io.csplaybooks.start.HealthTurnedRed").path("name").asText()).isEqualTo("시작 이벤트: 건강도 빨강");
    assertThat(byId.get("io.csplaybooks.start.ExecutiveSponsorChanged").path("name").asText())
        .isEqualTo("시작 이벤트: 임원 스폰서 변경");
    assertThat(byId.get("io.csplaybooks.step.flagStalledOnboarding").path("description").asText())
        .startsWith("보내는 이벤트: AccountAtRisk. 온보딩:");
    assertThat(property(byId.get("io.csplaybooks.task.cs"), "property", "camunda:formRef").path("choices").toString())
        .contains("\"name\":\"킥오프 진행 (hold-kickoff)\"");
  }

  /**
   * A CS manager's playbook made of nothing but the palette (a message start, every kind of task, every
   * step, a catch, an end) passes the sandbox's validator and the Modeler's lint rules as it is, and the
   * check has no note for it.
   */
  @Test
  void aPlaybookMadeFromTheTemplatesPassesTheValidatorAndTheLintRules() throws IOException {
    ElementTemplates palette = templates(List.of(), List.of());
    Map<String, JsonNode> templates = byId(palette.generated());
    List<JsonNode> tasks = templates.values().stream()
        .filter(t -> t.path("id").asText().matches("io\\.csplaybooks\\.(step|task)\\..*")).toList();

    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess("palette-check").name("Palette check")
        .camundaHistoryTimeToLive(180).startEvent("start").name("Account at risk").message("AccountAtRisk");
    PlaybookBeans beans = PlaybookBeans.scan("io.csplaybooks");
    List<Integer> mails = new java.util.ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (beans.sendsMail(tasks.get(i).path("id").asText().replace("io.csplaybooks.step.", ""))) {
        mails.add(i);
        continue;
      }
      flow = tasks.get(i).path("elementType").path("value").asText().equals("bpmn:UserTask")
          ? flow.userTask("task" + i).name("Task " + i) : flow.serviceTask("task" + i).name("Step " + i);
    }
    // Nothing waits for a mail: each mail step runs on a branch of its own that ends after it.
    assertThat(mails).isNotEmpty();
    flow = flow.parallelGateway("mails");
    for (int i : mails) {
      flow = flow.serviceTask("task" + i).name("Step " + i).endEvent("mailed" + i).name("Mail " + i + " sent")
          .moveToNode("mails");
    }
    BpmnModelInstance model = flow.intermediateCatchEvent("churned").name("Account churned").message("AccountChurned")
        .endEvent("end").name("Done").done();
    apply(model, "start", templates.get("io.csplaybooks.start.AccountAtRisk"));
    apply(model, "churned", templates.get("io.csplaybooks.catch.AccountChurned"));
    for (int i = 0; i < tasks.size(); i++) {
      apply(model, "task" + i, tasks.get(i));
    }

    Map<String, byte[]> deployment = new TreeMap<>(shippedForms());
    deployment.put("palette-check.bpmn", Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8));
    assertThat(PlaybookValidatorTest.VALIDATOR.validate(deployment)).isEmpty();
    BpmnModelInstance read = Bpmn.readModelFromStream(new ByteArrayInputStream(deployment.get("palette-check.bpmn")));
    assertThat(PlaybookLint.lint("palette-check.bpmn", read)).isEmpty();
    assertThat(palette.notes("palette-check.bpmn", read)).isEmpty();
    assertThat(read.getModelElementsByType(ServiceTask.class)).hasSize((int) STEPS.stream()
        .filter(ElementTemplates.Step::isDelegate).count());
  }

  /** The shipped playbooks' tasks that name a template write exactly what it writes (their names aside). */
  @Test
  void theShippedTasksThatNameATemplateWriteWhatItWrites() throws IOException {
    Map<String, JsonNode> templates = byId(templates(List.of(), List.of()).generated());
    int named = 0;
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
          String id = element.getAttributeValueNs(PlaybookValidator.CAMUNDA, "modelerTemplate");
          if (id == null) {
            continue;
          }
          named++;
          JsonNode template = templates.get(id);
          assertThat(template).as(file + ": " + element.getId() + " names the template " + id).isNotNull();
          assertThat(element.getAttributeValueNs(PlaybookValidator.CAMUNDA, "modelerTemplateVersion"))
              .isEqualTo(String.valueOf(template.path("version").asInt()));
          for (JsonNode property : template.path("properties")) {
            JsonNode binding = property.path("binding");
            String name = binding.path("name").asText();
            if (binding.path("type").asText().equals("property") && property.path("type").asText().equals("Hidden")) {
              assertThat(attribute(element, name)).as(file + ": " + element.getId() + " " + name)
                  .isEqualTo(property.path("value").asText());
            } else if (binding.path("type").asText().equals("camunda:inputParameter")) {
              assertThat(inputs(element)).as(file + ": " + element.getId() + "'s input " + name).containsKey(name);
            }
          }
        }
      }
    }
    assertThat(named).as("shipped tasks made from the palette").isGreaterThan(30);
  }

  @Test
  void theCheckExplainsATaskMadeWithoutATemplate() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("notes").camundaHistoryTimeToLive(180)
        .startEvent("start")
        .serviceTask("scoreRisk").name("Score the risk").camundaDelegateExpression("${scoreRenewalRisk}")
        .userTask("fixIt").name("Fix it").camundaCandidateGroups("engineering").camundaDueDate("${now()}")
        .userTask("callCustomer").name("Call customer").camundaAssignee("${csmId}").camundaDueDate("${now()}")
        .userTask("oldTemplate").name("Old").camundaCandidateGroups("cs, sales").camundaDueDate("${now()}")
        .userTask("madeWell").name("Made well").camundaCandidateGroups("product").camundaDueDate("${now()}")
        .endEvent("end").done();
    model.getModelElementById("oldTemplate").setAttributeValueNs(PlaybookValidator.CAMUNDA, "modelerTemplate",
        "io.csplaybooks.task.gone");
    model.getModelElementById("madeWell").setAttributeValueNs(PlaybookValidator.CAMUNDA, "modelerTemplate",
        "io.csplaybooks.task.product");

    List<ElementTemplates.Note> notes = templates(List.of(), List.of()).notes("notes.bpmn", model);

    assertThat(notes).extracting(ElementTemplates.Note::elementId).containsExactly("scoreRisk", "fixIt", "callCustomer",
        "oldTemplate");
    assertThat(notes).extracting(ElementTemplates.Note::message).containsExactly(
        "Service task 'Score the risk' (scoreRisk) was made without a template of the studio's palette: the template"
            + " 'Score renewal risk' fits it (in Camunda Modeler: Template, Select)",
        "User task 'Fix it' (fixIt) was made without a template of the studio's palette: the template"
            + " 'Task for engineering' fits it (in Camunda Modeler: Template, Select)",
        "User task 'Call customer' (callCustomer) was made without a template of the studio's palette: the template"
            + " 'Task for the account's CSM' fits it (in Camunda Modeler: Template, Select)",
        "User task 'Old' (oldTemplate) uses the template 'io.csplaybooks.task.gone', which the studio does not offer:"
            + " none fits it; the palette's steps and tasks say in words what they do");
  }

  // Applying a template as the Modeler does: its properties' bindings, then its id and version.

  static void apply(BpmnModelInstance model, String elementId, JsonNode template) {
    BaseElement element = model.getModelElementById(elementId);
    for (JsonNode property : template.path("properties")) {
      JsonNode binding = property.path("binding");
      String name = binding.path("name").asText();
      if (!property.has("value")) {
        continue;
      }
      String value = property.path("value").asText();
      switch (binding.path("type").asText()) {
        case "property" -> {
          if (name.startsWith("camunda:")) {
            element.setAttributeValueNs(PlaybookValidator.CAMUNDA, name.substring("camunda:".length()), value);
          } else if (!name.equals("name")) {
            element.setAttributeValue(name, value);
          }
        }
        case "camunda:inputParameter" -> {
          ExtensionElements extensions = element.getExtensionElements();
          if (extensions == null) {
            extensions = model.newInstance(ExtensionElements.class);
            element.setExtensionElements(extensions);
          }
          CamundaInputOutput io = extensions.getChildElementsByType(CamundaInputOutput.class).stream().findFirst()
              .orElse(null);
          if (io == null) {
            io = model.newInstance(CamundaInputOutput.class);
            extensions.addChildElement(io);
          }
          CamundaInputParameter input = model.newInstance(CamundaInputParameter.class);
          input.setCamundaName(name);
          input.setTextContent(value);
          io.addChildElement(input);
        }
        default -> throw new AssertionError("a binding the test cannot apply: " + binding);
      }
    }
    element.setAttributeValueNs(PlaybookValidator.CAMUNDA, "modelerTemplate", template.path("id").asText());
    element.setAttributeValueNs(PlaybookValidator.CAMUNDA, "modelerTemplateVersion",
        String.valueOf(template.path("version").asInt()));
  }

  static String hidden(JsonNode template, String attribute) {
    JsonNode property = property(template, "property", attribute);
    return property == null ? null : property.path("value").asText();
  }

  static JsonNode property(JsonNode template, String type, String name) {
    for (JsonNode property : template.path("properties")) {
      if (property.path("binding").path("type").asText().equals(type)
          && property.path("binding").path("name").asText().equals(name)) {
        return property;
      }
    }
    return null;
  }

  static String attribute(BaseElement element, String name) {
    return name.startsWith("camunda:")
        ? element.getAttributeValueNs(PlaybookValidator.CAMUNDA, name.substring("camunda:".length()))
        : element.getAttributeValue(name);
  }

  static Map<String, String> inputs(BaseElement element) {
    Map<String, String> inputs = new TreeMap<>();
    if (element.getExtensionElements() != null) {
      element.getExtensionElements().getChildElementsByType(CamundaInputOutput.class).forEach(io ->
          io.getCamundaInputParameters().forEach(p -> inputs.put(p.getCamundaName(), p.getTextContent())));
    }
    return inputs;
  }

  static Map<String, byte[]> shippedForms() throws IOException {
    Map<String, byte[]> forms = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        forms.put("forms/" + file.getFileName(), Files.readAllBytes(file));
      }
    }
    return forms;
  }
}
