package io.csplaybooks.studio.lint;

import io.csplaybooks.sandbox.PlaybookProblem;
import io.csplaybooks.sandbox.PlaybookValidator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.xml.transform.dom.DOMSource;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Camunda Modeler's lint rules, the ones CI runs on bpmn/ with bpmnlint 11 and .ci/lint/.bpmnlintrc
 * ({@code bpmnlint:recommended} without {@code no-inclusive-gateway}, and camunda-compat's rules for Camunda
 * Platform 7.24), in plain Java: the playbook studio checks an uploaded playbook the way Modeler and CI do,
 * and the running application needs no Node for it. Every finding counts as an error, because CI allows
 * no warning either.
 *
 * <p>The rules read the file as bpmnlint reads it, not as the engine would: a step's flows are the
 * {@code <incoming>} and {@code <outgoing>} it lists, a reference that leads nowhere is left out, an ad-hoc
 * sub-process is a sub-process. That is why they walk a small view of the document of their own (the
 * {@link Item}s below) instead of the typed model API, which knows no ad-hoc sub-process and throws on a
 * dangling reference: an uploaded file, however broken or hostile, gets findings, never an exception.
 * {@code PlaybookLintTest} runs the real bpmnlint on the same fixtures, so a rule here cannot drift from
 * Modeler's.
 */
public final class PlaybookLint {

  /** The rules, by the name bpmnlint reports them under, in the order their findings are listed. */
  public static final List<String> RULES = List.of(
      "ad-hoc-sub-process", "conditional-flows", "end-event-required", "event-based-gateway",
      "event-sub-process-typed-start-event", "fake-join", "global", "label-required", "link-event", "no-bpmndi",
      "no-complex-gateway", "no-disconnected", "no-duplicate-sequence-flows", "no-gateway-join-fork",
      "no-implicit-split", "no-implicit-end", "no-implicit-start", "no-overlapping-elements",
      "single-blank-start-event", "single-event-definition", "start-event-required",
      "sub-process-blank-start-event", "superfluous-gateway", "superfluous-label", "superfluous-termination",
      "history-time-to-live");

  /** How every message ends: the rule's name, so an engineer finds it in bpmnlint's documentation. */
  static final String RULE_PREFIX = " (Modeler lint rule ";

  static final String BPMN = PlaybookValidator.BPMN;
  static final String CAMUNDA = PlaybookValidator.CAMUNDA;
  static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
  static final String DC = "http://www.omg.org/spec/DD/20100524/DC";

  private PlaybookLint() {
  }

  /** The findings for one playbook, one per element and rule, in the order of {@link #RULES}. */
  public static List<PlaybookProblem> lint(String resource, BpmnModelInstance model) {
    Document document = (Document) ((DOMSource) model.getDocument().getDomSource()).getNode();
    Element root = document.getDocumentElement();
    List<PlaybookProblem> problems = new ArrayList<>();
    if (root == null || !BPMN.equals(root.getNamespaceURI()) || !"definitions".equals(root.getLocalName())) {
      return problems;
    }
    View view = new View(root);
    Findings findings = new Findings(resource, model, problems);
    adHocSubProcess(view, findings);
    conditionalFlows(view, findings);
    endEventRequired(view, findings);
    eventBasedGateway(view, findings);
    eventSubProcessTypedStartEvent(view, findings);
    fakeJoin(view, findings);
    global(view, findings);
    labelRequired(view, findings);
    linkEvent(view, findings);
    noBpmndi(view, findings);
    noComplexGateway(view, findings);
    noDisconnected(view, findings);
    noDuplicateSequenceFlows(view, findings);
    noGatewayJoinFork(view, findings);
    noImplicitSplit(view, findings);
    noImplicitEnd(view, findings);
    noImplicitStart(view, findings);
    noOverlappingElements(view, findings);
    singleBlankStartEvent(view, findings);
    singleEventDefinition(view, findings);
    startEventRequired(view, findings);
    subProcessBlankStartEvent(view, findings);
    superfluousGateway(view, findings);
    superfluousLabel(view, findings);
    superfluousTermination(view, findings);
    historyTimeToLive(view, findings);
    return problems;
  }

  /** The rule a finding of {@link #lint} comes from, read back from its message. */
  public static String ruleOf(PlaybookProblem problem) {
    String message = problem.message();
    int at = message.lastIndexOf(RULE_PREFIX);
    return at < 0 || !message.endsWith(")") ? null : message.substring(at + RULE_PREFIX.length(), message.length() - 1);
  }

  // bpmnlint:recommended ////////////////////////////////////////////////////////////////////////////

  /** An ad-hoc sub-process has no start or end: its steps are done in any order, as needed. */
  private static void adHocSubProcess(View view, Findings findings) {
    for (Item adHoc : view.items) {
      if (!adHoc.is("adHocSubProcess")) {
        continue;
      }
      for (Item element : adHoc.flowElements()) {
        if (element.is("startEvent")) {
          findings.add(element, "ad-hoc-sub-process", "is inside an ad-hoc sub-process, whose steps are done in"
              + " any order and need no start: remove the start event");
        }
        if (element.is("endEvent")) {
          findings.add(element, "ad-hoc-sub-process", "is inside an ad-hoc sub-process, whose steps are done in"
              + " any order and need no end: remove the end event");
        }
      }
    }
  }

  /** Once one flow out of a step or gateway has a condition (or one is the default), all must say when they run. */
  private static void conditionalFlows(View view, Findings findings) {
    for (Item node : view.items) {
      Item defaultFlow = node.reference("default");
      List<Item> outgoing = node.outgoing();
      if (defaultFlow == null && outgoing.stream().noneMatch(Item::hasCondition)) {
        continue;
      }
      for (Item flow : outgoing) {
        if (!flow.hasCondition() && flow != defaultFlow) {
          findings.add(flow, "conditional-flows", "leaves " + describeShort(node) + " without a condition, while"
              + " another of its paths has one or is the default: give it a condition or make it the default flow");
        }
      }
    }
  }

  /** Every process and sub-process shows where it ends. */
  private static void endEventRequired(View view, Findings findings) {
    for (Item scope : view.items) {
      if ((scope.is("process") || scope.is(Kind.SUB_PROCESS)) && !scope.is("adHocSubProcess")
          && scope.flowElements().stream().noneMatch(element -> element.is("endEvent"))) {
        findings.add(scope, "end-event-required", "has no end event: end each of its paths with one, so it is"
            + " clear where " + (scope.is("process") ? "the playbook" : "it") + " ends");
      }
    }
  }

  /** An event-based gateway waits for one of at least two events; the first to happen picks the path. */
  private static void eventBasedGateway(View view, Findings findings) {
    for (Item gateway : view.items) {
      if (!gateway.is("eventBasedGateway")) {
        continue;
      }
      List<Item> outgoing = gateway.outgoing();
      if (outgoing.size() < 2) {
        findings.add(gateway, "event-based-gateway", "waits for fewer than two events: an event-based gateway"
            + " chooses between at least two events (a message, a timer, ...) that follow it");
      }
      for (Item flow : outgoing) {
        if (flow.hasCondition()) {
          findings.add(flow, "event-based-gateway", "follows an event-based gateway and has a condition: the event"
              + " that happens first picks the path, so remove the condition");
        }
      }
    }
  }

  /** An event sub-process starts on an event, so its start says which. */
  private static void eventSubProcessTypedStartEvent(View view, Findings findings) {
    for (Item subProcess : view.items) {
      if (!subProcess.is(Kind.SUB_PROCESS) || !subProcess.flag("triggeredByEvent", false)) {
        continue;
      }
      for (Item start : subProcess.flowElements()) {
        if (start.is("startEvent") && start.eventDefinitions().isEmpty()) {
          findings.add(start, "event-sub-process-typed-start-event", "starts an event sub-process without saying on"
              + " which event: make it a message, timer, error, escalation, signal, conditional or compensation"
              + " start");
        }
      }
    }
  }

  /** Two flows into a step do not wait for each other: a gateway says whether they join. */
  private static void fakeJoin(View view, Findings findings) {
    for (Item node : view.items) {
      if ((node.is(Kind.ACTIVITY) || node.is(Kind.EVENT)) && node.incoming().size() > 1) {
        findings.add(node, "fake-join", "has several incoming flows, which do not wait for each other: join them"
            + " with a gateway before it (parallel to wait for all, exclusive to go on with each)");
      }
    }
  }

  /** Messages, signals, errors and escalations are named, used, and each name is declared once. */
  private static void global(View view, Findings findings) {
    List<Item> globals = view.definitions.children.stream()
        .filter(item -> item.is("error") || item.is("escalation") || item.is("message") || item.is("signal"))
        .toList();
    if (globals.isEmpty()) {
      return;
    }
    Set<String> referenced = globalReferences(view.definitions);
    for (Item global : globals) {
      // bpmnlint asks for a name only where the attribute is there but blank.
      if (global.name != null && blank(global.name)) {
        findings.add(global, "global", "has an empty name: name it as the application knows it");
      }
      if (!referenced.contains(global.type + "#" + global.id)) {
        findings.add(global, "global", "is declared but nothing in the playbook uses it: use it or remove it");
      }
      if (globals.stream().filter(other -> other.type.equals(global.type) && Objects.equals(other.name, global.name))
          .count() > 1) {
        findings.add(global, "global", "has the same name as another "
            + PlaybookValidator.words(global.type).toLowerCase(Locale.ROOT) + ": declare each name once");
      }
    }
  }

  /**
   * The declarations the playbook refers to, as "message#id": from the events of every process and
   * sub-process, from message flows, send and receive tasks. A work list, not recursion: a hostile file may
   * nest sub-processes thousands deep.
   */
  private static Set<String> globalReferences(Item definitions) {
    Set<String> referenced = new HashSet<>();
    Deque<Item> work = new ArrayDeque<>(definitions.children);
    while (!work.isEmpty()) {
      Item item = work.pop();
      if (item.is(Kind.CONTAINER)) {
        work.addAll(item.flowElements());
      }
      if (item.is(Kind.EVENT)) {
        for (Item definition : item.eventDefinitions()) {
          String target = switch (definition.type) {
            case "errorEventDefinition" -> "error#" + definition.attribute("errorRef");
            case "escalationEventDefinition" -> "escalation#" + definition.attribute("escalationRef");
            case "messageEventDefinition" -> "message#" + definition.attribute("messageRef");
            case "signalEventDefinition" -> "signal#" + definition.attribute("signalRef");
            default -> null;
          };
          if (target != null) {
            referenced.add(target);
          }
        }
      }
      if (item.is("collaboration")) {
        item.children.stream().filter(child -> child.is("messageFlow")).forEach(work::add);
      }
      if (item.is("messageFlow") || item.is("receiveTask") || item.is("sendTask")) {
        referenced.add("message#" + item.attribute("messageRef"));
      }
    }
    return referenced;
  }

  /** Steps, events, decisions, pools and lanes have names, so the playbook reads like the business talks. */
  private static void labelRequired(View view, Findings findings) {
    for (Item node : view.items) {
      if (node.is("parallelGateway") || node.is("eventBasedGateway")
          || node.is(Kind.GATEWAY) && node.outgoing().size() <= 1
          || node.is(Kind.SUB_PROCESS)
          || node.is("sequenceFlow") && !node.hasCondition()) {
        continue;
      }
      if (!(node.is(Kind.FLOW_NODE) || node.is("sequenceFlow") || node.is("participant") || node.is("lane"))) {
        continue;
      }
      if (node.name == null || blank(node.name)) {
        String how = node.is(Kind.GATEWAY) ? "name it with the question it decides, like 'Brief complete?'"
            : node.is("sequenceFlow") ? "label it with the answer it stands for, like 'yes'"
            : node.is(Kind.EVENT) ? "name it with what happened or what it waits for, like 'Contract closed'"
            : node.is(Kind.ACTIVITY) ? "name it with a verb and an object, like 'Hold kickoff'"
            : "name it with the team or role it stands for";
        findings.add(node, "label-required", "has no name: " + how);
      }
    }
  }

  /** A link is a jump within one (sub-)process: each name has exactly one catch and at least one throw. */
  private static void linkEvent(View view, Findings findings) {
    for (Item scope : view.items) {
      if (!scope.is(Kind.CONTAINER)) {
        continue;
      }
      Map<String, List<Item>> byName = new LinkedHashMap<>();
      for (Item link : scope.flowElements()) {
        Item definition = link.is(Kind.EVENT) ? link.eventDefinitions().stream()
            .filter(candidate -> candidate.is("linkEventDefinition")).findFirst().orElse(null) : null;
        if (definition == null) {
          continue;
        }
        String name = definition.attribute("name");
        if (name == null || name.isEmpty()) {
          findings.add(link, "link-event", "is a link without a link name: give it the name of the link it"
              + " jumps to or from, the same on the throw and on the catch");
        }
        // bpmnlint groups the links without a name under "_", as if that were their name.
        byName.computeIfAbsent(name == null || name.isEmpty() ? "_" : name, key -> new ArrayList<>()).add(link);
      }
      byName.forEach((name, links) -> {
        if (links.size() == 1) {
          Item link = links.get(0);
          findings.add(link, "link-event", link.is(Kind.THROW_EVENT)
              ? "jumps to the link '" + name + "', but nothing in the same process or sub-process catches it: add"
                  + " a link catch event with that name"
              : "catches the link '" + name + "', but nothing in the same process or sub-process jumps to it: add"
                  + " a link throw event with that name");
          return;
        }
        List<Item> catches = links.stream().filter(link -> link.is(Kind.CATCH_EVENT)).toList();
        if (catches.size() > 1) {
          catches.forEach(link -> findings.add(link, "link-event", "is one of several link catch events named '"
              + name + "' in the same process or sub-process: a link leads to exactly one place"));
        } else if (catches.isEmpty()) {
          links.forEach(link -> findings.add(link, "link-event", "jumps to the link '" + name + "', but nothing in"
              + " the same process or sub-process catches it: add a link catch event with that name"));
        }
      });
    }
  }

  /** What is in the file is on the diagram: Modeler shows the diagram, not the file. */
  private static void noBpmndi(View view, Findings findings) {
    for (Item element : visualElements(view.definitions)) {
      if (!element.is("dataObject") && !view.drawn.contains(element.id)) {
        findings.add(element, "no-bpmndi", "is in the file but not on the diagram: open the playbook in Camunda"
            + " Modeler and lay it out, or remove it");
      }
    }
  }

  /**
   * As bpmnlint gathers them: the flow elements, pools, artifacts, lanes and message flows of every root
   * element, and of the sub-processes and child lane sets within, however deep.
   */
  private static List<Item> visualElements(Item definitions) {
    List<Item> visual = new ArrayList<>();
    Deque<Item> work = new ArrayDeque<>(definitions.children);
    while (!work.isEmpty()) {
      Item root = work.pop();
      Item laneSet = root.children.stream().filter(child -> child.is("laneSet") || child.is("childLaneSet"))
          .findFirst().orElse(null);
      List<Item> lanes = laneSet == null ? List.of() : laneSet.children.stream().filter(child -> child.is("lane")).toList();
      visual.addAll(root.flowElements());
      root.flowElements().stream().filter(element -> element.is(Kind.CONTAINER)).forEach(work::add);
      root.children.stream().filter(child -> child.is("participant") || child.is(Kind.ARTIFACT)
          || child.is("messageFlow")).forEach(visual::add);
      visual.addAll(lanes);
      lanes.stream().filter(lane -> lane.child("childLaneSet") != null).forEach(work::add);
    }
    return visual;
  }

  /** Complex gateways hide their rule in an expression nobody sees on the diagram. */
  private static void noComplexGateway(View view, Findings findings) {
    for (Item gateway : view.items) {
      if (gateway.is("complexGateway")) {
        findings.add(gateway, "no-complex-gateway", "is a complex gateway, whose rule nobody sees on the diagram:"
            + " use exclusive, parallel or event-based gateways");
      }
    }
  }

  /** Nothing stands alone on the diagram, unconnected. */
  private static void noDisconnected(View view, Findings findings) {
    for (Item node : view.items) {
      if (!(node.is(Kind.TASK) || node.is(Kind.GATEWAY) || node.is(Kind.SUB_PROCESS) || node.is(Kind.EVENT))
          || node.flag("triggeredByEvent", false) || isCompensationBoundary(node) || node.flag("isForCompensation", false)
          || node.parent != null && node.parent.is("adHocSubProcess")) {
        continue;
      }
      if (node.incoming().isEmpty() && node.outgoing().isEmpty()) {
        findings.add(node, "no-disconnected", "is not connected to anything: connect it with sequence flows or"
            + " remove it");
      }
    }
  }

  private static boolean isCompensationBoundary(Item node) {
    List<Item> definitions = node.eventDefinitions();
    return node.is("boundaryEvent") && definitions.size() == 1 && definitions.get(0).is("compensateEventDefinition");
  }

  /** Two flows between the same elements with the same condition are one flow drawn twice. */
  private static void noDuplicateSequenceFlows(View view, Findings findings) {
    Set<String> seen = new HashSet<>();
    Set<Item> sourcesReported = new HashSet<>();
    Set<Item> targetsReported = new HashSet<>();
    for (Item flow : view.items) {
      if (!flow.is("sequenceFlow")) {
        continue;
      }
      Item source = flow.reference("sourceRef");
      Item target = flow.reference("targetRef");
      Item condition = flow.child("conditionExpression");
      // As bpmnlint keys them; an empty condition reads "undefined" there.
      String key = (source == null ? flow.id : source.id) + "#" + (target == null ? flow.id : target.id) + "#"
          + (condition == null ? "" : Objects.requireNonNullElse(condition.body(), "undefined"));
      if (seen.add(key)) {
        continue;
      }
      findings.add(flow, "no-duplicate-sequence-flows", "repeats another flow between the same two elements with"
          + " the same condition: remove one of them");
      if (source != null && sourcesReported.add(source)) {
        findings.add(source, "no-duplicate-sequence-flows", "has two identical flows to the same element: remove"
            + " one of them");
      }
      if (target != null && targetsReported.add(target)) {
        findings.add(target, "no-duplicate-sequence-flows", "has two identical flows from the same element: remove"
            + " one of them");
      }
    }
  }

  /** A gateway either joins or splits: one doing both is read wrongly. */
  private static void noGatewayJoinFork(View view, Findings findings) {
    for (Item gateway : view.items) {
      if (gateway.is(Kind.GATEWAY) && gateway.incoming().size() > 1 && gateway.outgoing().size() > 1) {
        findings.add(gateway, "no-gateway-join-fork", "both joins and splits the flow: join with one gateway and"
            + " split with another after it");
      }
    }
  }

  /** Paths leave a step together only through a gateway, which shows whether they all run. */
  private static void noImplicitSplit(View view, Findings findings) {
    for (Item node : view.items) {
      if (!node.is(Kind.ACTIVITY) && !node.is(Kind.EVENT)) {
        continue;
      }
      Item defaultFlow = node.reference("default");
      long unconditional = node.outgoing().stream().filter(flow -> !flow.hasCondition() && flow != defaultFlow).count();
      if (unconditional > 1) {
        findings.add(node, "no-implicit-split", "splits the flow into several paths without a gateway: add a"
            + " parallel gateway (all paths) or an exclusive one (one path) after it");
      }
    }
  }

  /** Every path ends at an end event, so nobody wonders whether a step was forgotten. */
  private static void noImplicitEnd(View view, Findings findings) {
    for (Item node : view.items) {
      if (!node.is(Kind.EVENT) && !node.is(Kind.ACTIVITY) && !node.is(Kind.GATEWAY)
          || node.is(Kind.SUB_PROCESS) && node.flag("triggeredByEvent", false)
          || node.is("intermediateThrowEvent") && allDefinitions(node, "linkEventDefinition")
          || node.parent != null && node.parent.is("adHocSubProcess")
          || node.is("endEvent")
          || node.is("boundaryEvent") && allDefinitions(node, "compensateEventDefinition")
              && hasCompensationAssociation(node)
          || node.is(Kind.ACTIVITY) && node.flag("isForCompensation", false)) {
        continue;
      }
      if (node.outgoing().isEmpty()) {
        findings.add(node, "no-implicit-end", "has no outgoing flow, so its path stops without an end event:"
            + " connect it to what comes next or to an end event");
      }
    }
  }

  private static boolean allDefinitions(Item event, String type) {
    List<Item> definitions = event.eventDefinitions();
    return !definitions.isEmpty() && definitions.stream().allMatch(definition -> definition.is(type));
  }

  /** bpmnlint looks for the association in the enclosing process's artifacts. */
  private static boolean hasCompensationAssociation(Item boundary) {
    Item process = boundary.parent;
    while (process != null && !process.is("process")) {
      process = process.parent;
    }
    return process != null && process.children.stream()
        .anyMatch(artifact -> artifact.is("association") && artifact.reference("sourceRef") == boundary);
  }

  /** Work begins at a start event or where a flow leads, never out of nowhere. */
  private static void noImplicitStart(View view, Findings findings) {
    for (Item node : view.items) {
      if (!node.is(Kind.EVENT) && !node.is(Kind.ACTIVITY) && !node.is(Kind.GATEWAY)
          || node.is(Kind.ACTIVITY) && node.flag("isForCompensation", false)
          || node.parent != null && node.parent.is("adHocSubProcess")
          || node.is(Kind.SUB_PROCESS) && node.flag("triggeredByEvent", false)
          || node.is("intermediateCatchEvent") && allDefinitions(node, "linkEventDefinition")
          || node.is("startEvent") || node.is("boundaryEvent")) {
        continue;
      }
      if (node.incoming().isEmpty()) {
        findings.add(node, "no-implicit-start", "has no incoming flow, so nothing leads to it: connect it from a"
            + " start event or an earlier step");
      }
    }
  }

  /** Shapes on the diagram do not hide each other, and stay inside their pool or sub-process. */
  private static void noOverlappingElements(View view, Findings findings) {
    Set<Item> overlapping = new LinkedHashSet<>();
    Set<Item> outside = new LinkedHashSet<>();
    Map<Item, Shape> poolOf = new HashMap<>();
    for (Item collaboration : view.definitions.children) {
      if (!collaboration.is("collaboration")) {
        continue;
      }
      List<Item> participants = collaboration.children.stream().filter(child -> child.is("participant")).toList();
      checkOverlaps(view, participants, overlapping);
      // A participant without a process counts too, under no process; the last pool of a process wins.
      participants.forEach(participant -> poolOf.put(participant.reference("processRef"), view.shapes.get(participant)));
    }
    record Scope(Item element, Shape frame) {
    }
    Deque<Scope> scopes = new ArrayDeque<>();
    view.definitions.children.stream().filter(process -> process.is("process"))
        .forEach(process -> scopes.add(new Scope(process, poolOf.get(process))));
    while (!scopes.isEmpty()) {
      Scope scope = scopes.pop();
      List<Item> drawn = scope.element().flowElements().stream().filter(view.shapes::containsKey).toList();
      checkOverlaps(view, drawn, overlapping);
      for (Item element : drawn) {
        // Data store references may stand outside for historical reasons, as in bpmnlint.
        if (!element.is("dataStoreReference") && isOutside(view.shapes.get(element).bounds(),
            scope.frame() == null ? null : scope.frame().bounds())) {
          outside.add(element);
        }
      }
      for (Item subProcess : scope.element().flowElements()) {
        if (subProcess.is(Kind.SUB_PROCESS)) {
          // Only an expanded sub-process frames what is inside it.
          Shape shape = view.shapes.get(subProcess);
          scopes.add(new Scope(subProcess, shape != null && shape.expanded() ? shape : null));
        }
      }
    }
    overlapping.forEach(element -> findings.add(element, "no-overlapping-elements", "lies on top of another"
        + " element on the diagram: move them apart"));
    outside.forEach(element -> findings.add(element, "no-overlapping-elements", "lies outside its pool or"
        + " sub-process on the diagram: move it inside"));
  }

  /** Sweeps the shapes left to right, so each is compared only with those that start before it ends. */
  private static void checkOverlaps(View view, List<Item> elements, Set<Item> overlapping) {
    record Placed(Item element, Bounds bounds) {
    }
    List<Placed> placed = new ArrayList<>();
    for (Item element : elements) {
      Shape shape = view.shapes.get(element);
      if (shape != null && shape.bounds() != null && !Double.isNaN(shape.bounds().x())
          && !Double.isNaN(shape.bounds().right())) {
        placed.add(new Placed(element, shape.bounds()));
      }
    }
    placed.sort((a, b) -> Double.compare(a.bounds().x(), b.bounds().x()));
    Set<Item> found = new HashSet<>();
    for (int i = 0; i < placed.size(); i++) {
      Placed one = placed.get(i);
      for (int j = i + 1; j < placed.size() && placed.get(j).bounds().x() <= one.bounds().right(); j++) {
        Placed other = placed.get(j);
        if (!one.bounds().touches(other.bounds())) {
          continue;
        }
        // A boundary event sits on its task's edge on purpose.
        if (one.element().reference("attachedToRef") == other.element()
            || other.element().reference("attachedToRef") == one.element()) {
          continue;
        }
        found.add(one.element());
        found.add(other.element());
      }
    }
    elements.stream().filter(found::contains).forEach(overlapping::add);
  }

  private static boolean isOutside(Bounds child, Bounds frame) {
    if (child == null || frame == null) {
      return false;
    }
    boolean inside = child.x() >= frame.x() && child.y() >= frame.y()
        && child.right() <= frame.right() && child.bottom() <= frame.bottom();
    return !inside;
  }

  /** One plain start per scope: with two, nobody knows where the playbook begins. */
  private static void singleBlankStartEvent(View view, Findings findings) {
    for (Item scope : view.items) {
      if (scope.is(Kind.CONTAINER) && scope.flowElements().stream()
          .filter(element -> element.is("startEvent") && element.eventDefinitions().isEmpty()).count() > 1) {
        findings.add(scope, "single-blank-start-event", "has several plain start events: keep one, or give the"
            + " others the message or timer they start on");
      }
    }
  }

  /** An event is one kind of event: a message or a timer, not both. */
  private static void singleEventDefinition(View view, Findings findings) {
    for (Item event : view.items) {
      if (event.is(Kind.EVENT) && event.eventDefinitions().size() > 1) {
        findings.add(event, "single-event-definition", "is several kinds of event at once (say, a message and a"
            + " timer): keep one kind per event");
      }
    }
  }

  /** Every process and sub-process shows where it begins. */
  private static void startEventRequired(View view, Findings findings) {
    for (Item scope : view.items) {
      if ((scope.is("process") || scope.is(Kind.SUB_PROCESS)) && !scope.is("adHocSubProcess")
          && scope.flowElements().stream().noneMatch(element -> element.is("startEvent"))) {
        findings.add(scope, "start-event-required", "has no start event: add one, so it is clear where "
            + (scope.is("process") ? "the playbook" : "it") + " begins");
      }
    }
  }

  /** An embedded sub-process starts when the flow reaches it, so its start waits for nothing. */
  private static void subProcessBlankStartEvent(View view, Findings findings) {
    for (Item subProcess : view.items) {
      if (!subProcess.is(Kind.SUB_PROCESS) || subProcess.flag("triggeredByEvent", false)) {
        continue;
      }
      for (Item start : subProcess.flowElements()) {
        if (start.is("startEvent") && !start.eventDefinitions().isEmpty()) {
          findings.add(start, "sub-process-blank-start-event", "starts a sub-process on an event: a sub-process"
              + " starts when the flow reaches it, so make its start a plain start event");
        }
      }
    }
  }

  /** A gateway with one way in and one way out decides nothing. */
  private static void superfluousGateway(View view, Findings findings) {
    for (Item gateway : view.items) {
      if (gateway.is(Kind.GATEWAY) && gateway.incoming().size() == 1 && gateway.outgoing().size() == 1) {
        findings.add(gateway, "superfluous-gateway", "has one way in and one way out, so it decides nothing:"
            + " remove it");
      }
    }
  }

  /** A label on a flow is an answer to a decision; anywhere else the diagram already says it. */
  private static void superfluousLabel(View view, Findings findings) {
    for (Item flow : view.items) {
      if (!flow.is("sequenceFlow") || flow.name == null || blank(flow.name) || flow.hasCondition()) {
        continue;
      }
      Item source = flow.reference("sourceRef");
      boolean isDefault = source != null && source.reference("default") == flow;
      boolean fromDecision = source != null && (source.is("exclusiveGateway") || source.is("inclusiveGateway"))
          && source.outgoing().size() > 1;
      if (!isDefault && !fromDecision) {
        findings.add(flow, "superfluous-label", "has a label but leaves no decision and has no condition: remove"
            + " the label, the diagram already shows where it goes");
      }
    }
  }

  /** A terminate end where the scope would end anyway only makes the reader look for what it stops. */
  private static void superfluousTermination(View view, Findings findings) {
    for (Item scope : view.items) {
      if (!scope.is("process") && !scope.is(Kind.SUB_PROCESS)) {
        continue;
      }
      List<Item> ends = scope.flowElements().stream()
          .filter(element -> element.is(Kind.FLOW_NODE) && element.outgoing().isEmpty()).toList();
      List<Item> terminateEnds = ends.stream().filter(PlaybookLint::isTerminateEnd).toList();
      if (terminateEnds.size() == 1
          && ends.stream().allMatch(end -> isTerminateEnd(end) || isInterruptingEventSubProcess(end))) {
        findings.add(terminateEnds.get(0), "superfluous-termination", "terminates, but nothing else is left"
            + " running when it is reached: make it a plain end event");
      }
    }
  }

  private static boolean isTerminateEnd(Item element) {
    return element.is("endEvent")
        && element.eventDefinitions().stream().anyMatch(definition -> definition.is("terminateEventDefinition"));
  }

  private static boolean isInterruptingEventSubProcess(Item element) {
    return element.is(Kind.SUB_PROCESS) && element.flag("triggeredByEvent", false) && element.flowElements().stream()
        .anyMatch(start -> start.is("startEvent") && start.flag("isInterrupting", true));
  }

  // camunda-compat for Camunda Platform 7.24 //////////////////////////////////////////////////////////

  /** Since 7.20 the engine refuses a process without a history time to live. */
  private static void historyTimeToLive(View view, Findings findings) {
    for (Item process : view.definitions.children) {
      if (!process.is("process") || !process.flag("isExecutable", false)) {
        continue;
      }
      String timeToLive = process.element.hasAttributeNS(CAMUNDA, "historyTimeToLive")
          ? process.element.getAttributeNS(CAMUNDA, "historyTimeToLive") : "";
      if (timeToLive.isEmpty()) {
        findings.add(process, "history-time-to-live", "has no history time to live: set one (say P730D) in"
            + " Modeler's History cleanup section, so Camunda deletes the history of finished playbooks");
      }
    }
  }

  // The view of the document ///////////////////////////////////////////////////////////////////////////

  /** The abstract BPMN types the rules ask about, as bpmn-moddle knows them. */
  private enum Kind {
    TASK, SUB_PROCESS, ACTIVITY, CATCH_EVENT, THROW_EVENT, EVENT, GATEWAY, FLOW_NODE, FLOW_ELEMENT, CONTAINER, ARTIFACT
  }

  private static final Map<String, Set<Kind>> KINDS = kinds();

  private static Map<String, Set<Kind>> kinds() {
    Map<String, Set<Kind>> kinds = new HashMap<>();
    for (String task : List.of("task", "userTask", "serviceTask", "sendTask", "receiveTask", "manualTask",
        "businessRuleTask", "scriptTask")) {
      kinds.put(task, EnumSet.of(Kind.TASK, Kind.ACTIVITY, Kind.FLOW_NODE, Kind.FLOW_ELEMENT));
    }
    for (String subProcess : List.of("subProcess", "transaction", "adHocSubProcess")) {
      kinds.put(subProcess, EnumSet.of(Kind.SUB_PROCESS, Kind.ACTIVITY, Kind.FLOW_NODE, Kind.FLOW_ELEMENT,
          Kind.CONTAINER));
    }
    kinds.put("callActivity", EnumSet.of(Kind.ACTIVITY, Kind.FLOW_NODE, Kind.FLOW_ELEMENT));
    for (String event : List.of("startEvent", "boundaryEvent", "intermediateCatchEvent")) {
      kinds.put(event, EnumSet.of(Kind.CATCH_EVENT, Kind.EVENT, Kind.FLOW_NODE, Kind.FLOW_ELEMENT));
    }
    for (String event : List.of("endEvent", "intermediateThrowEvent", "implicitThrowEvent")) {
      kinds.put(event, EnumSet.of(Kind.THROW_EVENT, Kind.EVENT, Kind.FLOW_NODE, Kind.FLOW_ELEMENT));
    }
    for (String gateway : List.of("exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway",
        "complexGateway")) {
      kinds.put(gateway, EnumSet.of(Kind.GATEWAY, Kind.FLOW_NODE, Kind.FLOW_ELEMENT));
    }
    for (String element : List.of("sequenceFlow", "dataObject", "dataObjectReference", "dataStoreReference")) {
      kinds.put(element, EnumSet.of(Kind.FLOW_ELEMENT));
    }
    kinds.put("process", EnumSet.of(Kind.CONTAINER));
    for (String artifact : List.of("association", "group", "textAnnotation")) {
      kinds.put(artifact, EnumSet.of(Kind.ARTIFACT));
    }
    return Map.copyOf(kinds);
  }

  /** A BPMN element of the file: its type (the XML name), id, name and the BPMN elements inside it. */
  private static final class Item {
    final Element element;
    final String type;
    final String id;
    final String name;
    final Item parent;
    final Set<Kind> kinds;
    final List<Item> children = new ArrayList<>();
    private View view;
    private List<Item> flowElements;
    private List<Item> eventDefinitions;
    private List<Item> incoming;
    private List<Item> outgoing;

    Item(Element element, Item parent) {
      this.element = element;
      this.type = element.getLocalName();
      this.id = attributeOf(element, "id");
      this.name = attributeOf(element, "name");
      this.parent = parent;
      this.kinds = KINDS.getOrDefault(type, Set.of());
    }

    boolean is(String type) {
      return this.type.equals(type);
    }

    boolean is(Kind kind) {
      return kinds.contains(kind);
    }

    String attribute(String attribute) {
      return attributeOf(element, attribute);
    }

    /** A boolean attribute as bpmn-moddle reads it: only "true" is true. */
    boolean flag(String attribute, boolean absent) {
      String value = attribute(attribute);
      return value == null ? absent : value.equals("true");
    }

    /** The element an attribute refers to; null where it leads nowhere, as bpmn-moddle leaves it. */
    Item reference(String attribute) {
      String target = attribute(attribute);
      return target == null ? null : view.byId.get(target);
    }

    Item child(String type) {
      return children.stream().filter(child -> child.is(type)).findFirst().orElse(null);
    }

    boolean hasCondition() {
      return child("conditionExpression") != null;
    }

    /** The text of an element as bpmn-moddle reads it: whitespace between tags left out. */
    String body() {
      StringBuilder body = new StringBuilder();
      boolean any = false;
      for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
        if (node.getNodeType() == Node.CDATA_SECTION_NODE
            || node.getNodeType() == Node.TEXT_NODE && !blank(node.getNodeValue())) {
          body.append(node.getNodeValue());
          any = true;
        }
      }
      return any ? body.toString() : null;
    }

    List<Item> flowElements() {
      if (flowElements == null) {
        flowElements = is(Kind.CONTAINER) ? children.stream().filter(child -> child.is(Kind.FLOW_ELEMENT)).toList()
            : List.of();
      }
      return flowElements;
    }

    List<Item> eventDefinitions() {
      if (eventDefinitions == null) {
        eventDefinitions = children.stream().filter(child -> child.type.endsWith("EventDefinition")).toList();
      }
      return eventDefinitions;
    }

    /** The flows the element lists as its {@code <incoming>}, as Modeler writes them. */
    List<Item> incoming() {
      if (incoming == null) {
        incoming = listed("incoming");
      }
      return incoming;
    }

    List<Item> outgoing() {
      if (outgoing == null) {
        outgoing = listed("outgoing");
      }
      return outgoing;
    }

    private List<Item> listed(String type) {
      List<Item> listed = new ArrayList<>();
      for (Item child : children) {
        if (child.is(type)) {
          String target = child.body();
          Item flow = target == null ? null : view.byId.get(target);
          if (flow != null) {
            listed.add(flow);
          }
        }
      }
      return listed;
    }
  }

  private record Bounds(double x, double y, double width, double height) {
    double right() {
      return x + width;
    }

    double bottom() {
      return y + height;
    }

    /** Overlapping or touching, as bpmnlint counts a collision. */
    boolean touches(Bounds other) {
      return right() >= other.x() && other.right() >= x() && bottom() >= other.y() && other.bottom() >= y();
    }
  }

  /** Where the diagram draws an element: its bounds (none for a flow) and, for a sub-process, whether it is open. */
  private record Shape(Bounds bounds, boolean expanded) {
  }

  /** The BPMN elements of one file, in document order, their ids, and the diagram's shapes. */
  private static final class View {
    final Item definitions;
    final List<Item> items = new ArrayList<>();
    final Map<String, Item> byId = new HashMap<>();
    /** The ids the diagram draws (null among them where a shape names no element). */
    final Set<String> drawn = new HashSet<>();
    /** The diagram's shape or edge of each element; with several, the last, as in bpmnlint. */
    final Map<Item, Shape> shapes = new HashMap<>();

    View(Element root) {
      definitions = new Item(root, null);
      // Document order, with a work list instead of recursion: a hostile file may nest thousands deep.
      Deque<Item> work = new ArrayDeque<>(List.of(definitions));
      while (!work.isEmpty()) {
        Item parent = work.pop();
        items.add(parent);
        List<Item> children = new ArrayList<>();
        for (Node node = parent.element.getFirstChild(); node != null; node = node.getNextSibling()) {
          if (node instanceof Element child && BPMN.equals(child.getNamespaceURI())) {
            Item item = new Item(child, parent);
            parent.children.add(item);
            children.add(item);
          }
        }
        for (int i = children.size() - 1; i >= 0; i--) {
          work.push(children.get(i));
        }
      }
      for (Item item : items) {
        item.view = this;
        if (item.id != null) {
          byId.putIfAbsent(item.id, item);
        }
      }
      for (Element diagram : childElements(root, BPMNDI, "BPMNDiagram")) {
        for (Element plane : childElements(diagram, BPMNDI, "BPMNPlane")) {
          for (Node node = plane.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element planeElement) {
              String reference = attributeOf(planeElement, "bpmnElement");
              Item element = reference == null ? null : byId.get(reference);
              drawn.add(element == null ? null : element.id);
              if (element != null) {
                shapes.put(element, new Shape(bounds(planeElement), "true".equals(attributeOf(planeElement,
                    "isExpanded"))));
              }
            }
          }
        }
      }
    }

    private static Bounds bounds(Element shape) {
      for (Element bounds : childElements(shape, DC, "Bounds")) {
        return new Bounds(real(bounds, "x"), real(bounds, "y"), real(bounds, "width"), real(bounds, "height"));
      }
      return null;
    }

    /** A number as JavaScript's parseFloat reads it from XML: "INF" and what is missing are not a number. */
    private static double real(Element element, String attribute) {
      String value = attributeOf(element, attribute);
      if (value == null) {
        return Double.NaN;
      }
      try {
        double number = Double.parseDouble(value.trim());
        return Double.isInfinite(number) ? Double.NaN : number;
      } catch (NumberFormatException notANumber) {
        return Double.NaN;
      }
    }
  }

  private static List<Element> childElements(Element parent, String namespace, String localName) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element child && namespace.equals(child.getNamespaceURI())
          && localName.equals(child.getLocalName())) {
        children.add(child);
      }
    }
    return children;
  }

  /** An unqualified attribute, or null where the element does not have it. */
  private static String attributeOf(Element element, String attribute) {
    return element.hasAttribute(attribute) ? element.getAttribute(attribute) : null;
  }

  /** "the exclusive gateway 'Brief complete?'", to name an element inside another's message. */
  private static String describeShort(Item item) {
    return "the " + PlaybookValidator.words(item.type).toLowerCase(Locale.ROOT)
        + (item.name == null || blank(item.name) ? "" : " '" + item.name.trim() + "'");
  }

  /**
   * Blank as JavaScript's trim() sees it, which bpmnlint uses: a no-break space is blank there (not for
   * Java's isBlank), a file separator character is not.
   */
  static boolean blank(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = c == ' ' || c >= '\t' && c <= '\r' || c == '\u00A0' || c == '\u1680'
          || c >= '\u2000' && c <= '\u200A' || c == '\u2028' || c == '\u2029' || c == '\u202F' || c == '\u205F'
          || c == '\u3000' || c == '\uFEFF';
      if (!space) {
        return false;
      }
    }
    return true;
  }

  /** Collects findings as problems whose message starts with the element, as the deploy-time check words them. */
  private static final class Findings {
    private final String resource;
    private final BpmnModelInstance model;
    private final List<PlaybookProblem> problems;

    Findings(String resource, BpmnModelInstance model, List<PlaybookProblem> problems) {
      this.resource = resource;
      this.model = model;
      this.problems = problems;
    }

    void add(Item element, String rule, String text) {
      problems.add(new PlaybookProblem(resource, element.id, describe(element) + " " + text + RULE_PREFIX + rule + ")"));
    }

    /** As PlaybookValidator describes an element; it names flow elements, processes, messages and signals only. */
    private String describe(Item element) {
      String name = element.name == null || blank(element.name) ? null : element.name.trim();
      ModelElementInstance typed = element.id == null ? null : typed(element.id);
      if (typed instanceof BaseElement base) {
        String described = PlaybookValidator.describe(base);
        String id = " (" + element.id + ")";
        if (name != null && described.endsWith(id) && !described.endsWith(" '" + name + "'" + id)) {
          described = described.substring(0, described.length() - id.length()) + " '" + name + "'" + id;
        }
        return described;
      }
      // What the model API does not know (an ad-hoc sub-process) or cannot find (an element without an id).
      return PlaybookValidator.words(element.type) + (name == null ? "" : " '" + name + "'")
          + (element.id == null ? "" : " (" + element.id + ")");
    }

    private ModelElementInstance typed(String id) {
      try {
        return model.getModelElementById(id);
      } catch (RuntimeException unknownType) {
        return null;
      }
    }
  }
}
