package io.csplaybooks.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.csplaybooks.common.FieldError;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.sandbox.PlaybookValidatorTest;
import io.csplaybooks.studio.PlaybookTemplates.Copy;
import io.csplaybooks.studio.PlaybookTemplates.Shipped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** A CS manager copies a shipped playbook under a key of their own. */
class PlaybookTemplatesTest {

  static final PlaybookTemplates TEMPLATES = new PlaybookTemplates(camundaAsConfigured());

  /** The engine's deployment patterns as application.yaml sets them: the shipped playbooks are what it deploys. */
  static CamundaBpmProperties camundaAsConfigured() {
    try {
      var sources = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"));
      List<String> patterns = new Binder(ConfigurationPropertySources.from(sources.get(0)))
          .bind("camunda.bpm.deployment-resource-pattern", Bindable.listOf(String.class)).get();
      CamundaBpmProperties camunda = new CamundaBpmProperties();
      camunda.setDeploymentResourcePattern(patterns.toArray(String[]::new));
      return camunda;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theShippedPlaybooksAreTheBpmnFilesTheApplicationDeploys() throws IOException {
    List<Shipped> expected = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.filter(file -> file.toString().endsWith(".bpmn")).toList()) {
        Process process = Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(Process.class).iterator().next();
        expected.add(new Shipped(process.getId(), process.getName(), file.getFileName().toString()));
      }
    }

    assertThat(TEMPLATES.shipped()).hasSize(9).containsExactlyInAnyOrderElementsOf(expected)
        .isSortedAccordingTo((a, b) -> a.key().compareTo(b.key()))
        .contains(new Shipped("sales-handoff", "Sales-to-CS handoff", "sales-handoff.bpmn"));
    assertThat(TEMPLATES.shipped("sales-handoff")).isEqualTo(Files.readAllBytes(Path.of("bpmn/sales-handoff.bpmn")));
    assertThatThrownBy(() -> TEMPLATES.shipped("assign-csm")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> TEMPLATES.shipped("nothing")).isInstanceOf(NotFoundException.class);
  }

  /**
   * Every shipped playbook copies to a file that differs from the original in the process's start tag
   * and the diagram's plane only, reads back with its diagram on the new key, has the same steps, and
   * passes the deploy-time validation with the shipped forms.
   */
  @Test
  void eachShippedPlaybookCopiesUnderANewKeyWithItsDiagram() throws IOException {
    for (Shipped shipped : TEMPLATES.shipped()) {
      byte[] original = TEMPLATES.shipped(shipped.key());
      String key = "my-" + shipped.key();

      Copy copy = PlaybookTemplates.copy(original, key, "My " + shipped.name());

      assertThat(copy.fileName()).isEqualTo(key + ".bpmn");
      BpmnModelInstance model = read(copy.bpmn());
      Process process = model.getModelElementById(key);
      assertThat(process.getName()).isEqualTo("My " + shipped.name());
      assertThat(process.isExecutable()).isTrue();
      assertThat(process.getCamundaVersionTag()).isEqualTo("1");
      assertThat((Object) model.getModelElementById(shipped.key())).isNull();
      List<BpmnPlane> planes = List.copyOf(model.getModelElementsByType(BpmnPlane.class));
      assertThat(planes).hasSize(1);
      assertThat(planes.get(0).getBpmnElement()).isSameAs(process);
      assertThat(PlaybookDiff.between(read(original), model).isEmpty()).as(shipped.key()).isTrue();

      List<String> before = lines(original);
      List<String> after = lines(copy.bpmn());
      assertThat(after).hasSameSizeAs(before);
      List<Integer> changedLines = new ArrayList<>();
      for (int i = 0; i < before.size(); i++) {
        if (!before.get(i).equals(after.get(i))) {
          changedLines.add(i);
        }
      }
      assertThat(changedLines).as(shipped.key()).hasSize(2);
      assertThat(after.get(changedLines.get(0))).contains("<bpmn:process id=\"" + key + "\"")
          .contains("name=\"My " + shipped.name() + "\"");
      assertThat(after.get(changedLines.get(1))).contains("bpmnElement=\"" + key + "\"");

      Map<String, byte[]> deployment = shippedForms();
      deployment.put("bpmn/" + copy.fileName(), copy.bpmn());
      assertThat(PlaybookValidatorTest.VALIDATOR.validate(deployment)).as(shipped.key()).isEmpty();
    }
  }

  /**
   * Every shipped playbook copies to one that deploys as it is, whichever start is chosen: by hand (one
   * none start event without a start form, as the account page starts a play) or on a trigger's event
   * (one message start with an async boundary after it). The other starts go with the steps only they led
   * to, and the copy passes the deploy-time validation and the Modeler's lint rules.
   */
  @Test
  void eachShippedPlaybookCopiesToOneThatStartsByHandOrOnATriggerAndPassesTheChecks() throws IOException {
    String event = "ExecutiveSponsorChanged";
    io.csplaybooks.sandbox.PlaybookValidator validator = new io.csplaybooks.sandbox.PlaybookValidator(
        io.csplaybooks.sandbox.PlaybookBeans.scan("io.csplaybooks"),
        io.csplaybooks.sandbox.PlaybookModelRulesTestAccess.beanNames()::contains,
        io.csplaybooks.security.Groups.TEAMS::contains,
        io.csplaybooks.sandbox.PlaybookModelRulesTestAccess.sent(event));
    for (Shipped shipped : TEMPLATES.shipped()) {
      for (PlaybookTemplates.Start start : List.of(PlaybookTemplates.Start.byHand(),
          PlaybookTemplates.Start.onEvent(event, "Executive sponsor changed"))) {
        String key = "my-" + shipped.key();
        String what = shipped.key() + (start.message() == null ? " by hand" : " on " + event);

        Copy copy = TEMPLATES.copy(shipped.key(), key, "My " + shipped.name(), start);

        BpmnModelInstance model = read(copy.bpmn());
        Process process = model.getModelElementById(key);
        List<org.camunda.bpm.model.bpmn.instance.StartEvent> starts = process
            .getChildElementsByType(org.camunda.bpm.model.bpmn.instance.StartEvent.class).stream().toList();
        assertThat(starts).as(what).hasSize(1);
        org.camunda.bpm.model.bpmn.instance.StartEvent first = starts.get(0);
        assertThat(first.getName()).as(what).isEqualTo(start.name());
        assertThat(first.getCamundaFormRef()).as(what).isNull();
        if (start.message() == null) {
          assertThat(first.getEventDefinitions()).as(what).isEmpty();
        } else {
          assertThat(first.getEventDefinitions()).as(what).singleElement()
              .isInstanceOfSatisfying(org.camunda.bpm.model.bpmn.instance.MessageEventDefinition.class,
                  m -> assertThat(m.getMessage().getName()).isEqualTo(event));
          assertThat(first.isCamundaAsyncAfter()).as(what).isTrue();
        }
        assertThat(new String(copy.bpmn(), StandardCharsets.UTF_8)).as(what).contains("bpmnElement=\"" + key + "\"");
        assertThat(copy.notes().get(0)).as(what).startsWith(start.message() == null ? "Starts by hand" : "Starts on the event");

        Map<String, byte[]> deployment = shippedForms();
        deployment.put("bpmn/" + copy.fileName(), copy.bpmn());
        assertThat(validator.validate(deployment)).as(what).isEmpty();
        assertThat(io.csplaybooks.studio.lint.PlaybookLint.lint(copy.fileName(), model)).as(what).isEmpty();
      }
    }
  }

  @Test
  void theHandoffStartedByHandLosesItsStartFormAndTheStepOnlyItLedTo() {
    Copy copy = TEMPLATES.copy("sales-handoff", "handoff-by-hand", "Handoff by hand", PlaybookTemplates.Start.byHand());

    BpmnModelInstance model = read(copy.bpmn());
    assertThat((Object) model.getModelElementById("startContractClosed")).isNotNull();
    assertThat((Object) model.getModelElementById("startByHand")).isNull();
    assertThat((Object) model.getModelElementById("registerClosedContract")).isNull();
    assertThat((Object) model.getModelElementById("f_byhand_register")).isNull();
    assertThat((Object) model.getModelElementById("ContractClosed")).isNull();
    // The gateway that merged the two starts' ways decides nothing now: the start's way goes on past it.
    assertThat((Object) model.getModelElementById("mergeStartGw")).isNull();
    org.camunda.bpm.model.bpmn.instance.SequenceFlow way = model.getModelElementById("f_start_merge");
    assertThat(way.getTarget().getId()).isEqualTo("contractTermStarted");
    String text = new String(copy.bpmn(), StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("registerClosedContract", "f_byhand_register", "f_register_merge", "mergeStartGw",
        "startContractClosedMessage").contains("<bpmn:message id=\"KickoffHeld\"");
  }

  @Test
  void copyingTheHandoffTellsWhichStartTheEngineRefusesTwiceAndWhichFormsItShows() {
    Copy copy = TEMPLATES.copy("sales-handoff", "sales-handoff-emea", "Sales-to-CS handoff, EMEA");

    assertThat(copy.notes()).hasSize(3);
    assertThat(copy.notes().get(0)).isEqualTo("Starts on the message 'ContractClosed' (start event 'Contract closed"
        + " in CRM'), which the playbook 'sales-handoff' already starts on: the engine lets one playbook start on a"
        + " message and refuses to deploy a second. In Camunda Modeler, change this start event to a plain start"
        + " event, or remove it, before deploying.");
    assertThat(copy.notes().get(1)).startsWith("Starts by hand in Tasklist (start event 'Contract closed, entered by"
        + " sales')").contains("'Create instance' on the process definition 'sales-handoff-emea'");
    assertThat(copy.notes().get(2)).startsWith("Shows the forms complete-handoff-brief ('Complete handoff brief',"
        + " 'Complete overdue handoff brief'); contract-closed (start event 'Contract closed, entered by sales');"
        + " follow-up-overdue-kickoff ('Follow up overdue kickoff'); hold-kickoff ('Hold kickoff');"
        + " review-csm-assignment ('Review CSM assignment').")
        .contains("the studio's check finds each among the deployed forms");
    // The churn event subprocess starts on AccountChurned too, but only inside a running playbook.
    assertThat(String.join(" ", copy.notes())).doesNotContain("AccountChurned");
  }

  @Test
  void aPlaybookWithoutNameOrVersionTagGetsBoth() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="plain" isExecutable="true"><userTask id="work" /></process>
        </definitions>
        """;

    Copy copy = PlaybookTemplates.copy(bytes(xml), "plain-copy", "Q&A <\"review\"> for 'key' accounts");

    assertThat(new String(copy.bpmn(), StandardCharsets.UTF_8)).contains("<process id=\"plain-copy\""
        + " isExecutable=\"true\" name=\"Q&amp;A &lt;&quot;review&quot;&gt; for 'key' accounts\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" camunda:versionTag=\"1\">");
    Process process = read(copy.bpmn()).getModelElementById("plain-copy");
    assertThat(process.getName()).isEqualTo("Q&A <\"review\"> for 'key' accounts");
    assertThat(process.getCamundaVersionTag()).isEqualTo("1");
    assertThat(copy.notes()).isEmpty();
  }

  @Test
  void theCopyKeepsTheOriginalsEncodingAndByteOrderMark() {
    String xml = """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id='kundenpflege' name='Kundenpflege' isExecutable='true'>
            <documentation>Für Kunden in München &amp; Zürich</documentation><userTask id="work" />
          </process>
        </definitions>
        """;
    byte[] latin1 = xml.getBytes(StandardCharsets.ISO_8859_1);

    Copy copy = PlaybookTemplates.copy(latin1, "kundenpflege-sued", "Kundenpflege Süd");

    assertThat(new String(copy.bpmn(), StandardCharsets.ISO_8859_1)).isEqualTo(xml.replace(
        "<process id='kundenpflege' name='Kundenpflege' isExecutable='true'>",
        "<process id='kundenpflege-sued' name='Kundenpflege Süd' isExecutable='true'"
            + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" camunda:versionTag=\"1\">"));
    assertThat(((Process) read(copy.bpmn()).getModelElementById("kundenpflege-sued")).getName())
        .isEqualTo("Kundenpflege Süd");

    byte[] withBom = bytes("\uFEFF" + new String(sampleFile(), StandardCharsets.UTF_8));
    byte[] copied = PlaybookTemplates.copy(withBom, "a-copy", "A copy").bpmn();
    assertThat(copied).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    assertThat(((Process) read(copied).getModelElementById("a-copy")).getName()).isEqualTo("A copy");

    String utf16 = "\uFEFF" + new String(sampleFile(), StandardCharsets.UTF_8).replace("UTF-8", "UTF-16");
    byte[] littleEndian = utf16.getBytes(StandardCharsets.UTF_16LE);
    byte[] copiedLittleEndian = PlaybookTemplates.copy(littleEndian, "a-copy", "A copy").bpmn();
    assertThat(new String(copiedLittleEndian, StandardCharsets.UTF_16LE))
        .isEqualTo(utf16.replace("<process id=\"plain\" isExecutable=\"true\">", "<process id=\"a-copy\""
            + " isExecutable=\"true\" name=\"A copy\" xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\""
            + " camunda:versionTag=\"1\">"));
  }

  @Test
  void aCollaborationsParticipantFollowsTheNewKey() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
        xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" \
        xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:collaboration id="team"><bpmn:participant id="cs" name='CS "team"' processRef="pool" /></bpmn:collaboration>
          <bpmn:process id="pool" name="Pool" isExecutable="true" camunda:versionTag="7"><bpmn:userTask id="work" /></bpmn:process>
          <bpmndi:BPMNDiagram id="diagram">
            <bpmndi:BPMNPlane id="plane" bpmnElement="team">
              <bpmndi:BPMNShape id="cs_di" bpmnElement="cs"><dc:Bounds x="0" y="0" width="600" height="250" /></bpmndi:BPMNShape>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;

    Copy copy = PlaybookTemplates.copy(bytes(xml), "pool-copy", "Pool copy");

    BpmnModelInstance model = read(copy.bpmn());
    Participant participant = model.getModelElementById("cs");
    assertThat(participant.getProcess().getId()).isEqualTo("pool-copy");
    assertThat(participant.getName()).isEqualTo("CS \"team\"");
    assertThat(((BpmnPlane) model.getModelElementById("plane")).getBpmnElement().getId()).isEqualTo("team");
    assertThat(((Process) model.getModelElementById("pool-copy")).getCamundaVersionTag()).isEqualTo("1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "Sales", "sales_handoff", "sales handoff", "-sales", "sales-", "sales--handoff",
      "1sales", "sales.handoff", "sälzz", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void aKeyThatIsNotKebabCaseIsRefused(String key) {
    assertRefused(() -> PlaybookTemplates.copy(sampleFile(), key, "A copy"), "key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "two\nlines", "a\ttab", "bell\u0007", "\u202Edisguised", "line\u2028separator"})
  void aNameThatIsEmptyOrHoldsControlCharactersIsRefused(String name) {
    assertRefused(() -> PlaybookTemplates.copy(sampleFile(), "a-copy", name), "name");
  }

  @Test
  void missingAndOverlongValuesAreRefusedTogether() {
    assertThatThrownBy(() -> PlaybookTemplates.copy(sampleFile(), null, "x".repeat(121)))
        .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.errors()).containsExactly(
            new FieldError("key", "is required"), new FieldError("name", "must be at most 120 characters")));
    assertThat(PlaybookTemplates.copy(sampleFile(), "a".repeat(64), "x".repeat(120)).fileName())
        .isEqualTo("a".repeat(64) + ".bpmn");
  }

  @Test
  void aShippedPlaybooksKeyOrAnIdOfTheFileIsNotANewKey() {
    assertRefused(() -> TEMPLATES.copy("sales-handoff", "onboarding", "Onboarding, again"), "key");
    assertRefused(() -> TEMPLATES.copy("sales-handoff", "sales-handoff", "The same"), "key");
    assertThatThrownBy(() -> TEMPLATES.copy("no-such-playbook", "a-copy", "A copy")).isInstanceOf(NotFoundException.class);
    String xml = new String(sampleFile(), StandardCharsets.UTF_8).replace("id=\"work\"", "id=\"review\"");
    assertRefused(() -> PlaybookTemplates.copy(bytes(xml), "review", "Review"), "key");
  }

  @Test
  void aFileThatIsNotAPlaybookIsRefusedWithoutReadingAnythingElse() {
    String entity = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE definitions [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="plain" name="&secret;" isExecutable="true" />
        </definitions>
        """;
    assertRefused(() -> PlaybookTemplates.copy(bytes(entity), "a-copy", "A copy"), "file");
    assertRefused(() -> PlaybookTemplates.copy(bytes("not xml at all"), "a-copy", "A copy"), "file");
    assertRefused(() -> PlaybookTemplates.copy(new byte[0], "a-copy", "A copy"), "file");
    assertRefused(() -> PlaybookTemplates.copy(new byte[PlaybookTemplates.MAX_BYTES + 1], "a-copy", "A copy"), "file");
    String twoPlaybooks = new String(sampleFile(), StandardCharsets.UTF_8)
        .replace("</definitions>", "<process id=\"other\" isExecutable=\"true\" /></definitions>");
    assertRefused(() -> PlaybookTemplates.copy(bytes(twoPlaybooks), "a-copy", "A copy"), "file");
    String noPlaybook = new String(sampleFile(), StandardCharsets.UTF_8).replace("isExecutable=\"true\"",
        "isExecutable=\"false\"");
    assertRefused(() -> PlaybookTemplates.copy(bytes(noPlaybook), "a-copy", "A copy"), "file");
  }

  static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable copy, String field) {
    assertThatThrownBy(copy).isInstanceOfSatisfying(InvalidInputException.class, refused ->
        assertThat(refused.errors()).extracting(FieldError::field).containsExactly(field));
  }

  static byte[] sampleFile() {
    return bytes("""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <process id="plain" isExecutable="true"><userTask id="work" /></process>
        </definitions>
        """);
  }

  static Map<String, byte[]> shippedForms() throws IOException {
    Map<String, byte[]> forms = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path file : files.toList()) {
        forms.put("forms/" + file.getFileName(), Files.readAllBytes(file));
      }
    }
    return forms;
  }

  static List<String> lines(byte[] content) {
    return new String(content, StandardCharsets.UTF_8).lines().toList();
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static BpmnModelInstance read(byte[] content) {
    return Bpmn.readModelFromStream(new ByteArrayInputStream(content));
  }
}
