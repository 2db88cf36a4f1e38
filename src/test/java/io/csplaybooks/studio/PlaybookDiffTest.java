package io.csplaybooks.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.studio.PlaybookDiff.Change;
import io.csplaybooks.studio.PlaybookDiff.Diff;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimeDuration;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.api.Test;

/** What a CS manager reads when a new version of a playbook is compared with the running one. */
class PlaybookDiffTest {

  static final String HEAD = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
      xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
      id="definitions" targetNamespace="http://csplaybooks.io/bpmn">
        <bpmn:message id="Ping" name="Ping" />
        <bpmn:message id="Pong" name="Pong" />
        <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
      """;
  static final String TAIL = """
        </bpmn:process>
      </bpmn:definitions>
      """;

  /** One of each kind of step, event and gateway, subprocesses and an event subprocess included. */
  static final String EVERY_KIND = """
      <bpmn:startEvent id="start" />
      <bpmn:startEvent id="pinged"><bpmn:messageEventDefinition messageRef="Ping" /></bpmn:startEvent>
      <bpmn:userTask id="work" name="Do the work" />
      <bpmn:boundaryEvent id="late" attachedToRef="work">
        <bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition>
      </bpmn:boundaryEvent>
      <bpmn:boundaryEvent id="nudged" attachedToRef="work" cancelActivity="false">
        <bpmn:messageEventDefinition messageRef="Pong" />
      </bpmn:boundaryEvent>
      <bpmn:serviceTask id="step" camunda:delegateExpression="${step}" />
      <bpmn:businessRuleTask id="decide" camunda:decisionRef="assign-csm" />
      <bpmn:callActivity id="call" calledElement="onboarding" />
      <bpmn:exclusiveGateway id="choice" />
      <bpmn:eventBasedGateway id="wait" />
      <bpmn:intermediateCatchEvent id="pingCaught"><bpmn:messageEventDefinition messageRef="Ping" /></bpmn:intermediateCatchEvent>
      <bpmn:intermediateThrowEvent id="announce">
        <bpmn:messageEventDefinition messageRef="Pong" camunda:delegateExpression="${announce}" />
      </bpmn:intermediateThrowEvent>
      <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>
      <bpmn:subProcess id="inner">
        <bpmn:startEvent id="innerStart" />
        <bpmn:endEvent id="innerEnd" />
      </bpmn:subProcess>
      <bpmn:subProcess id="onPing" triggeredByEvent="true">
        <bpmn:startEvent id="pingAgain" isInterrupting="false"><bpmn:messageEventDefinition messageRef="Ping" /></bpmn:startEvent>
      </bpmn:subProcess>
      """;

  @Test
  void aShippedPlaybookComparedWithItselfHasNoChanges() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      List<Path> playbooks = files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
      assertThat(playbooks).hasSizeGreaterThanOrEqualTo(7);
      for (Path file : playbooks) {
        assertThat(PlaybookDiff.between(read(file), read(file)).isEmpty()).as(file.toString()).isTrue();
      }
    }
  }

  @Test
  void addedElementsAreNamedByTheirTypeInDocumentOrderAndRemovedOnesLikewise() {
    BpmnModelInstance empty = model("p", "");
    BpmnModelInstance every = model("p", EVERY_KIND);

    Diff added = PlaybookDiff.between(empty, every);
    Diff removed = PlaybookDiff.between(every, empty);

    List<String> expected = List.of("start: start event", "pinged: message start event", "work: user task",
        "late: boundary timer event", "nudged: non-interrupting boundary message event", "step: service task",
        "decide: business rule task", "call: call activity", "choice: exclusive gateway", "wait: event-based gateway",
        "pingCaught: message intermediate catch event", "announce: message intermediate throw event",
        "stop: terminate end event", "inner: subprocess", "innerStart: start event", "innerEnd: end event",
        "onPing: event subprocess", "pingAgain: non-interrupting message start event");
    assertThat(added.added()).extracting(change -> change.elementId() + ": " + change.type())
        .containsExactlyElementsOf(expected);
    assertThat(added.removed()).isEmpty();
    assertThat(added.changed()).isEmpty();
    assertThat(added.added()).allSatisfy(change -> assertThat(change.what()).isEmpty());
    assertThat(added.added().get(2)).isEqualTo(new Change("work", "Do the work", "user task", List.of()));
    assertThat(removed.removed()).extracting(change -> change.elementId() + ": " + change.type())
        .containsExactlyElementsOf(expected);
    assertThat(removed.added()).isEmpty();
  }

  @Test
  void addedAndChangedFollowTheNewerVersionsOrderRemovedTheOlders() {
    BpmnModelInstance older = model("p", """
        <bpmn:userTask id="a" name="A" />
        <bpmn:userTask id="b" name="B" />
        <bpmn:userTask id="c" name="C" />
        <bpmn:userTask id="d" name="D" />
        """);
    BpmnModelInstance newer = model("p", """
        <bpmn:userTask id="e" name="E" />
        <bpmn:userTask id="c" name="C, renamed" />
        <bpmn:userTask id="a" name="A, renamed" />
        <bpmn:userTask id="f" name="F" />
        """);

    Diff diff = PlaybookDiff.between(older, newer);

    assertThat(diff.added()).extracting(Change::elementId).containsExactly("e", "f");
    assertThat(diff.removed()).extracting(Change::elementId).containsExactly("b", "d");
    assertThat(diff.changed()).extracting(Change::label).containsExactly("'C, renamed' (c)", "'A, renamed' (a)");
    assertThat(diff.changed().get(1).what()).containsExactly("name: 'A' → 'A, renamed'");
    assertThat(diff.removed().get(0)).isEqualTo(new Change("b", "B", "user task", List.of()));
  }

  /** The shipped handoff against a copy changed with the model API, as a CS manager would in Modeler. */
  @Test
  void eachChangeToTheShippedHandoffIsListedInPlainWords() {
    BpmnModelInstance older = read(Path.of("bpmn/sales-handoff.bpmn"));
    BpmnModelInstance newer = read(Path.of("bpmn/sales-handoff.bpmn"));

    UserTask holdKickoff = newer.getModelElementById("holdKickoff");
    holdKickoff.setName("Hold kickoff call");
    holdKickoff.setCamundaDueDate("${handoffDeadlines.kickoffDue()}");
    holdKickoff.setCamundaFormRef("hold-kickoff-v2");
    holdKickoff.setCamundaAsyncBefore(true);
    holdKickoff.getDocumentations().iterator().next().setTextContent("Hold the kickoff call within 10 days.");
    UserTask completeBrief = newer.getModelElementById("completeHandoffBrief");
    completeBrief.setCamundaCandidateGroups("cs-managers");
    CamundaTaskListener saveBrief = completeBrief.getExtensionElements().getElementsQuery()
        .filterByType(CamundaTaskListener.class).list().get(1);
    completeBrief.getExtensionElements().removeChildElement(saveBrief);
    ServiceTask score = newer.getModelElementById("scoreHandoffBrief");
    score.setCamundaDelegateExpression("${scoreHandoffBriefStrictly}");
    TimerEventDefinition kickoffTimer = newer.getModelElementById("kickoffOverdueTimer");
    kickoffTimer.removeChildElement(kickoffTimer.getTimeDate());
    TimeDuration tenDays = newer.newInstance(TimeDuration.class);
    tenDays.setTextContent("P10D");
    kickoffTimer.setTimeDuration(tenDays);
    BoundaryEvent kickoffOverdue = newer.getModelElementById("kickoffOverdue");
    kickoffOverdue.setCancelActivity(true);
    TimerEventDefinition briefTimer = newer.getModelElementById("briefOverdueTimer");
    briefTimer.getTimeDate().setTextContent("${handoffDeadlines.briefDueSoon()}");
    Message contractClosed = newer.getModelElementById("ContractClosed");
    contractClosed.setName("DealClosed");
    BusinessRuleTask decidePod = newer.getModelElementById("decideCsPod");
    decidePod.setCamundaDecisionRef("assign-csm-by-region");
    decidePod.getExtensionElements().getElementsQuery().filterByType(
        org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).singleResult()
        .getCamundaInputParameters().stream().filter(parameter -> parameter.getCamundaName().equals("arr"))
        .findFirst().map(CamundaInputParameter.class::cast).orElseThrow()
        .setTextContent("${accountFacts.arrInEuro(accountId)}");
    SequenceFlow briefComplete = newer.getModelElementById("f_brief_complete");
    briefComplete.getConditionExpression().setTextContent("${briefScore >= 80}");
    SequenceFlow noReview = newer.getModelElementById("f_no_review");
    noReview.setTarget(newer.getModelElementById("assignCsm"));
    ServiceTask introduce = newer.getModelElementById("introduceCsmToCustomer");
    MultiInstanceLoopCharacteristics perContact = newer.newInstance(MultiInstanceLoopCharacteristics.class);
    perContact.setCamundaCollection("${contacts}");
    perContact.setCamundaElementVariable("contact");
    introduce.setLoopCharacteristics(perContact);

    Diff diff = PlaybookDiff.between(older, newer);

    assertThat(diff.added()).isEmpty();
    assertThat(diff.removed()).isEmpty();
    assertThat(diff.changed()).containsExactly(
        new Change("startContractClosed", "Contract closed in CRM", "message start event",
            List.of("message: ContractClosed → DealClosed")),
        new Change("scoreHandoffBrief", "Score handoff brief", "service task",
            List.of("step: ${scoreHandoffBrief} → ${scoreHandoffBriefStrictly}")),
        new Change("briefCompleteGw", "Brief complete?", "exclusive gateway",
            List.of("condition on the flow to 'Decide CS pod': ${briefComplete} → ${briefScore >= 80}")),
        new Change("completeHandoffBrief", "Complete handoff brief", "user task",
            List.of("candidate groups: sales → cs-managers",
                "task listeners: create ${loadHandoffBrief}, complete ${saveHandoffBrief} → create ${loadHandoffBrief}")),
        new Change("briefOverdue", "Brief overdue", "boundary timer event",
            List.of("timer: ${handoffDeadlines.briefDue()} → ${handoffDeadlines.briefDueSoon()}")),
        new Change("decideCsPod", "Decide CS pod", "business rule task",
            List.of("decision: assign-csm → assign-csm-by-region", "input/output mappings changed")),
        new Change("reviewGw", "Review needed?", "exclusive gateway",
            List.of("outgoing flows: now to 'Review CSM assignment', 'Assign CSM to account'"
                + " (was 'Review CSM assignment', mergeReviewGw)")),
        new Change("introduceCsmToCustomer", "Introduce CSM to customer", "service task",
            List.of("multi-instance: none → parallel over ${contacts} as contact")),
        new Change("holdKickoff", "Hold kickoff call", "user task",
            List.of("name: 'Hold kickoff' → 'Hold kickoff call'", "description changed",
                "due date: ${kickoffDueDate} → ${handoffDeadlines.kickoffDue()}",
                "form: hold-kickoff → hold-kickoff-v2", "asynchronous before: no → yes")),
        new Change("kickoffOverdue", "Kickoff overdue", "boundary timer event",
            List.of("type: non-interrupting boundary timer event → boundary timer event",
                "timer: date ${kickoffDueDate} → duration P10D")));
  }

  @Test
  void theTypeOfAStepAndWhatItCallsAreChanges() {
    BpmnModelInstance older = model("p", """
        <bpmn:serviceTask id="review" name="Review" camunda:delegateExpression="${review}" />
        <bpmn:callActivity id="runOnboarding" name="Run onboarding" calledElement="onboarding" />
        <bpmn:sequenceFlow id="f1" sourceRef="review" targetRef="runOnboarding" />
        """);
    BpmnModelInstance newer = model("p", """
        <bpmn:userTask id="review" name="Review" camunda:formRef="review" camunda:candidateGroups="cs" />
        <bpmn:callActivity id="runOnboarding" name="Run onboarding" calledElement="onboarding-v2">
          <bpmn:extensionElements><camunda:in variables="all" /></bpmn:extensionElements>
        </bpmn:callActivity>
        <bpmn:endEvent id="done" />
        <bpmn:sequenceFlow id="f1" sourceRef="review" targetRef="runOnboarding" />
        <bpmn:sequenceFlow id="f2" sourceRef="runOnboarding" targetRef="done" />
        """);

    Diff diff = PlaybookDiff.between(older, newer);

    assertThat(diff.added()).extracting(Change::elementId).containsExactly("done");
    assertThat(diff.changed()).containsExactly(
        new Change("review", "Review", "user task", List.of("type: service task → user task",
            "step: ${review} → (none)", "candidate groups: (none) → cs", "form: (none) → review")),
        new Change("runOnboarding", "Run onboarding", "call activity", List.of("called playbook: onboarding → onboarding-v2",
            "variables passed to and from the called playbook changed", "outgoing flows: now to done (was none)")));
  }

  @Test
  void whatAnEventWaitsForWhereItIsAttachedAndHowAStepRepeats() {
    BpmnModelInstance older = model("p", """
        <bpmn:userTask id="a" name="A" />
        <bpmn:userTask id="b" name="B" />
        <bpmn:boundaryEvent id="late" attachedToRef="a">
          <bpmn:timerEventDefinition><bpmn:timeDuration>P14D</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:receiveTask id="wait" messageRef="Ping" />
        <bpmn:intermediateThrowEvent id="announce">
          <bpmn:messageEventDefinition messageRef="Pong" camunda:delegateExpression="${announce}" />
        </bpmn:intermediateThrowEvent>
        <bpmn:userTask id="each">
          <bpmn:multiInstanceLoopCharacteristics camunda:collection="${items}" camunda:elementVariable="item" />
        </bpmn:userTask>
        """);
    BpmnModelInstance newer = model("p", """
        <bpmn:userTask id="a" name="A" />
        <bpmn:userTask id="b" name="B" />
        <bpmn:boundaryEvent id="late" attachedToRef="b">
          <bpmn:timerEventDefinition><bpmn:timeDuration>P10D</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:receiveTask id="wait" messageRef="Pong" />
        <bpmn:intermediateThrowEvent id="announce">
          <bpmn:messageEventDefinition messageRef="Ping" camunda:delegateExpression="${announceLoudly}" />
        </bpmn:intermediateThrowEvent>
        <bpmn:userTask id="each">
          <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="${items}"
              camunda:elementVariable="item" />
        </bpmn:userTask>
        """);

    assertThat(PlaybookDiff.between(older, newer).changed()).containsExactly(
        new Change("late", null, "boundary timer event", List.of("attached to: 'A' → 'B'", "timer: P14D → P10D")),
        new Change("wait", null, "receive task", List.of("message: Ping → Pong")),
        new Change("announce", null, "message intermediate throw event",
            List.of("message: Pong → Ping", "step: ${announce} → ${announceLoudly}")),
        new Change("each", null, "user task",
            List.of("multi-instance: parallel over ${items} as item → sequential over ${items} as item")));
  }

  @Test
  void theDiagramsLayoutIsNeverAChange() {
    BpmnModelInstance older = read(Path.of("bpmn/sales-handoff.bpmn"));
    BpmnModelInstance newer = read(Path.of("bpmn/sales-handoff.bpmn"));
    for (BpmnShape shape : newer.getModelElementsByType(BpmnShape.class)) {
      Bounds bounds = shape.getBounds();
      bounds.setX(bounds.getX() + 40);
      bounds.setY(bounds.getY() + 15);
    }
    for (BpmnEdge edge : newer.getModelElementsByType(BpmnEdge.class)) {
      for (Waypoint waypoint : edge.getWaypoints()) {
        waypoint.setX(waypoint.getX() + 40);
      }
    }

    assertThat(Bpmn.convertToString(newer)).isNotEqualTo(Bpmn.convertToString(older));
    assertThat(PlaybookDiff.between(older, newer).isEmpty()).isTrue();
  }

  @Test
  void versionsUnderDifferentKeysCompareTheirExecutableProcesses() {
    BpmnModelInstance original = read(Path.of("bpmn/sales-handoff.bpmn"));
    BpmnModelInstance renamed = read(Path.of("bpmn/sales-handoff.bpmn"));
    Process process = renamed.getModelElementById("sales-handoff");
    process.setId("sales-handoff-emea");
    process.setName("Sales-to-CS handoff, EMEA");
    UserTask holdKickoff = renamed.getModelElementById("holdKickoff");
    holdKickoff.setCamundaCandidateGroups("cs");

    Diff diff = PlaybookDiff.between(original, renamed);

    assertThat(diff.added()).isEmpty();
    assertThat(diff.removed()).isEmpty();
    assertThat(diff.changed()).containsExactly(new Change("holdKickoff", "Hold kickoff", "user task",
        List.of("candidate groups: (none) → cs")));
    // A file whose first process is not executable: the executable one is the playbook.
    BpmnModelInstance onlyTheProcess = model("p", "<bpmn:userTask id=\"a\" name=\"A\" />");
    String twoProcesses = (HEAD.formatted("notes").replace("isExecutable=\"true\"", "isExecutable=\"false\"")
        + "<bpmn:userTask id=\"n\" />\n  </bpmn:process>\n  <bpmn:process id=\"p\" isExecutable=\"true\""
        + " camunda:historyTimeToLive=\"P1D\">\n<bpmn:userTask id=\"a\" name=\"A\" />\n" + TAIL);
    assertThat(PlaybookDiff.between(onlyTheProcess, parse(twoProcesses)).isEmpty()).isTrue();
  }

  @Test
  void defaultsWrittenOutAreNoChangeAndOtherSettingsAreNotMissed() {
    BpmnModelInstance older = model("p", """
        <bpmn:serviceTask id="send" name="Send" camunda:delegateExpression="${send}" />
        <bpmn:exclusiveGateway id="gw" default="toSend" />
        <bpmn:sequenceFlow id="toSend" sourceRef="gw" targetRef="send" />
        """);
    BpmnModelInstance newer = model("p", """
        <bpmn:serviceTask id="send" name="Send" camunda:delegateExpression="${send}" startQuantity="1"
            isForCompensation="false" camunda:exclusive="true" camunda:jobPriority="5">
          <bpmn:extensionElements>
            <camunda:failedJobRetryTimeCycle>PT1M,PT5M</camunda:failedJobRetryTimeCycle>
          </bpmn:extensionElements>
        </bpmn:serviceTask>
        <bpmn:exclusiveGateway id="gw" default="toSendRenamed" gatewayDirection="Unspecified" />
        <bpmn:sequenceFlow id="toSendRenamed" sourceRef="gw" targetRef="send" name="otherwise" />
        """);

    Diff diff = PlaybookDiff.between(older, newer);

    assertThat(diff.changed()).containsExactly(
        new Change("send", "Send", "service task", List.of("job priority: (none) → 5", "retries: (none) → PT1M,PT5M")),
        new Change("gw", null, "exclusive gateway", List.of("label on the flow to 'Send': (none) → 'otherwise'")));
  }

  @Test
  void valuesAreOneLineOfReadableLength() {
    BpmnModelInstance older = model("p", "<bpmn:userTask id=\"a\" name=\"Review&#10;\u202Eaccount\" />");
    BpmnModelInstance newer = model("p", "<bpmn:userTask id=\"a\" name=\"Review account\" camunda:dueDate=\"${"
        + "x".repeat(500) + "}\" />");

    Change change = PlaybookDiff.between(older, newer).changed().get(0);

    assertThat(change.what()).hasSize(1);
    assertThat(change.what().get(0)).startsWith("due date: (none) → ${xxx").endsWith("x…")
        .hasSize("due date: (none) → ".length() + PlaybookDiff.MAX_VALUE);
  }

  static BpmnModelInstance model(String processId, String elements) {
    return parse(HEAD.formatted(processId) + elements + TAIL);
  }

  static BpmnModelInstance parse(String xml) {
    return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  static BpmnModelInstance read(Path file) {
    return Bpmn.readModelFromFile(new File(file.toString()));
  }
}
