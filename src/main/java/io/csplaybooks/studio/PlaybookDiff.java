package io.csplaybooks.studio;

import static io.csplaybooks.sandbox.PlaybookValidator.ACTIVITI;
import static io.csplaybooks.sandbox.PlaybookValidator.BPMN;
import static io.csplaybooks.sandbox.PlaybookValidator.CAMUNDA;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.transform.dom.DOMSource;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * What changed between two versions of a playbook, step by step, in the words a CS manager uses:
 * which steps, events and gateways were added, removed or changed, and for a changed one each
 * difference ("due date: ${a} → ${b}", "candidate groups: cs → cs-managers"). Elements are matched by
 * id, as the engine matches them when accounts move to a new version. Only what the engine reads
 * counts: the diagram's layout, other tools' extensions and ids of flows are never a change; a new
 * description is, because people read it in Tasklist.
 *
 * <p>Works on the XML the model holds, so a setting no rule here knows still shows up, as "other
 * settings" or under its own attribute name, rather than being silently equal. Each version's first
 * executable process is compared, so a copy under another key compares with its original.
 */
final class PlaybookDiff {

  /**
   * @param added in the newer version only, in its document order
   * @param removed in the older version only, in its document order
   * @param changed in both, with at least one difference, in the newer version's document order
   */
  public record Diff(List<Change> added, List<Change> removed, List<Change> changed) {

    public Diff {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
      changed = List.copyOf(changed);
    }

    public boolean isEmpty() {
      return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
  }

  /**
   * @param name the element's name, whitespace collapsed; null when it has none
   * @param type a person's word for its BPMN type: "user task", "boundary timer event"
   * @param what each difference in plain words; empty for an added or removed element
   */
  public record Change(String elementId, String name, String type, List<String> what) {

    public Change {
      what = List.copyOf(what);
    }

    /** "'Hold kickoff' (holdKickoff)", or the id alone for an element without a name. */
    public String label() {
      return name == null ? elementId : "'" + name + "' (" + elementId + ")";
    }
  }

  /** What a value too long to read in a list is cut to. */
  static final int MAX_VALUE = 160;
  static final String NONE = "(none)";

  /** BPMN's steps, events and gateways that can stand in a process or subprocess. */
  private static final Set<String> FLOW_NODES = Set.of("task", "userTask", "serviceTask", "sendTask", "receiveTask",
      "manualTask", "businessRuleTask", "scriptTask", "callActivity", "subProcess", "transaction", "adHocSubProcess",
      "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
      "implicitThrowEvent", "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway",
      "complexGateway");
  private static final Set<String> CONTAINERS = Set.of("subProcess", "transaction", "adHocSubProcess");
  /** What a subprocess holds besides its steps: compared as elements of their own, or not at all. */
  private static final Set<String> CONTENT = Set.of("sequenceFlow", "dataObject", "dataObjectReference",
      "dataStoreReference", "textAnnotation", "association", "group", "laneSet");

  /** Attributes of a step whose difference is the type's (interrupting or not, event subprocess) or no change. */
  private static final Set<String> NODE_ATTRIBUTES_IN_TYPE = Set.of("id", "name", "cancelActivity",
      "triggeredByEvent", "isInterrupting");

  /** How a value is shown: as written, as yes/no with the default when absent, or by what it refers to. */
  private enum Render { TEXT, NO, YES, NODE, FLOW, NAMED }

  private record Attribute(String label, Render render) {}

  /** The attributes a CS manager knows by a name of their own, in the order the differences are listed. */
  private static final Map<String, Attribute> ATTRIBUTES = attributes();

  private static Map<String, Attribute> attributes() {
    Map<String, Attribute> known = new LinkedHashMap<>();
    known.put("camunda:delegateExpression", new Attribute("step", Render.TEXT));
    known.put("camunda:expression", new Attribute("expression", Render.TEXT));
    known.put("camunda:class", new Attribute("Java class", Render.TEXT));
    known.put("camunda:assignee", new Attribute("assignee", Render.TEXT));
    known.put("camunda:candidateGroups", new Attribute("candidate groups", Render.TEXT));
    known.put("camunda:candidateUsers", new Attribute("candidate users", Render.TEXT));
    known.put("camunda:dueDate", new Attribute("due date", Render.TEXT));
    known.put("camunda:followUpDate", new Attribute("follow-up date", Render.TEXT));
    known.put("camunda:priority", new Attribute("priority", Render.TEXT));
    known.put("camunda:formRef", new Attribute("form", Render.TEXT));
    known.put("camunda:formRefBinding", new Attribute("form binding", Render.TEXT));
    known.put("camunda:formRefVersion", new Attribute("form version", Render.TEXT));
    known.put("camunda:formKey", new Attribute("form key", Render.TEXT));
    known.put("camunda:initiator", new Attribute("initiator variable", Render.TEXT));
    known.put("camunda:decisionRef", new Attribute("decision", Render.TEXT));
    known.put("camunda:decisionRefBinding", new Attribute("decision binding", Render.TEXT));
    known.put("camunda:decisionRefVersion", new Attribute("decision version", Render.TEXT));
    known.put("camunda:decisionRefVersionTag", new Attribute("decision version tag", Render.TEXT));
    known.put("camunda:mapDecisionResult", new Attribute("decision result", Render.TEXT));
    known.put("calledElement", new Attribute("called playbook", Render.TEXT));
    known.put("camunda:calledElementBinding", new Attribute("called playbook binding", Render.TEXT));
    known.put("camunda:calledElementVersion", new Attribute("called playbook version", Render.TEXT));
    known.put("camunda:calledElementVersionTag", new Attribute("called playbook version tag", Render.TEXT));
    known.put("camunda:variableMappingDelegateExpression", new Attribute("variable mapping step", Render.TEXT));
    known.put("camunda:resultVariable", new Attribute("result variable", Render.TEXT));
    known.put("messageRef", new Attribute("message", Render.NAMED));
    known.put("instantiate", new Attribute("starts the playbook", Render.NO));
    known.put("attachedToRef", new Attribute("attached to", Render.NODE));
    known.put("default", new Attribute("default flow", Render.FLOW));
    known.put("camunda:asyncBefore", new Attribute("asynchronous before", Render.NO));
    known.put("camunda:asyncAfter", new Attribute("asynchronous after", Render.NO));
    known.put("camunda:exclusive", new Attribute("exclusive job", Render.YES));
    known.put("camunda:jobPriority", new Attribute("job priority", Render.TEXT));
    known.put("camunda:type", new Attribute("task type", Render.TEXT));
    known.put("camunda:topic", new Attribute("external task topic", Render.TEXT));
    known.put("camunda:taskPriority", new Attribute("external task priority", Render.TEXT));
    known.put("isForCompensation", new Attribute("compensation", Render.NO));
    known.put("camunda:errorCodeVariable", new Attribute("error code variable", Render.TEXT));
    known.put("camunda:errorMessageVariable", new Attribute("error message variable", Render.TEXT));
    known.put("camunda:escalationCodeVariable", new Attribute("escalation code variable", Render.TEXT));
    known.put("camunda:variableName", new Attribute("condition variable", Render.TEXT));
    known.put("camunda:variableEvents", new Attribute("condition variable events", Render.TEXT));
    known.put("camunda:async", new Attribute("asynchronous", Render.NO));
    return known;
  }

  private PlaybookDiff() {}

  /** Compares the first executable process of each version (the first process, if none is executable). */
  public static Diff between(BpmnModelInstance older, BpmnModelInstance newer) {
    Version before = Version.of(older);
    Version after = Version.of(newer);
    List<Change> added = new ArrayList<>();
    List<Change> removed = new ArrayList<>();
    List<Change> changed = new ArrayList<>();
    after.nodes.forEach((id, node) -> {
      Element was = before.nodes.get(id);
      if (was == null) {
        added.add(change(after, node, List.of()));
      } else {
        List<String> what = compare(before, was, after, node);
        if (!what.isEmpty()) {
          changed.add(change(after, node, what));
        }
      }
    });
    before.nodes.forEach((id, node) -> {
      if (!after.nodes.containsKey(id)) {
        removed.add(change(before, node, List.of()));
      }
    });
    return new Diff(added, removed, changed);
  }

  private static Change change(Version version, Element node, List<String> what) {
    String name = clean(node.getAttribute("name"));
    return new Change(node.getAttribute("id"), name, type(node), what);
  }

  /** One version's document: its steps in document order, the flows out of each, every BPMN element by id. */
  private static final class Version {
    final Map<String, Element> byId = new HashMap<>();
    final Map<String, Element> nodes = new LinkedHashMap<>();
    final Map<String, List<Element>> flowsFrom = new HashMap<>();

    static Version of(BpmnModelInstance model) {
      Version version = new Version();
      Document document = (Document) ((DOMSource) model.getDocument().getDomSource()).getNode();
      Element root = document.getDocumentElement();
      preorder(root, element -> true, element -> {
        String id = element.getAttribute("id");
        if (BPMN.equals(element.getNamespaceURI()) && !id.isEmpty()) {
          version.byId.putIfAbsent(id, element);
        }
      });
      Element process = process(root);
      if (process == null) {
        return version;
      }
      // Only a process and its subprocesses hold steps: a step-like element elsewhere (inside
      // extension elements, say) is not one the engine runs.
      preorder(process, element -> element == process || isBpmn(element) && CONTAINERS.contains(element.getLocalName()),
          element -> {
            if (element == process || !isBpmn(element)) {
              return;
            }
            String id = element.getAttribute("id");
            if (FLOW_NODES.contains(element.getLocalName()) && !id.isEmpty()) {
              version.nodes.putIfAbsent(id, element);
            } else if (element.getLocalName().equals("sequenceFlow")) {
              version.flowsFrom.computeIfAbsent(element.getAttribute("sourceRef").trim(), source -> new ArrayList<>())
                  .add(element);
            }
          });
      return version;
    }

    /** "'Hold kickoff'" for a named element, its id otherwise. */
    String label(String id) {
      Element element = byId.get(id);
      String name = element == null ? null : clean(element.getAttribute("name"));
      return name == null ? clean(id) : "'" + name + "'";
    }

    /** The name of a message, signal, error or escalation a definition refers to (a QName: its local part). */
    String named(String reference) {
      if (reference == null || reference.isBlank()) {
        return NONE;
      }
      String id = reference.substring(reference.indexOf(':') + 1);
      Element element = byId.get(id);
      String name = element == null ? null : clean(element.getAttribute("name"));
      return name == null ? clean(reference) : name;
    }
  }

  /** The first executable process of the file; its first process if none says it is executable. */
  private static Element process(Element root) {
    Element first = null;
    for (Element child : children(root)) {
      if (isBpmn(child) && child.getLocalName().equals("process")) {
        if ("true".equals(child.getAttribute("isExecutable").trim())) {
          return child;
        }
        if (first == null) {
          first = child;
        }
      }
    }
    return first;
  }

  private static List<String> compare(Version before, Element was, Version after, Element now) {
    List<String> what = new ArrayList<>();
    String oldName = quoted(clean(was.getAttribute("name")));
    String newName = quoted(clean(now.getAttribute("name")));
    if (!oldName.equals(newName)) {
      what.add("name: " + oldName + " → " + newName);
    }
    String oldType = type(was);
    String newType = type(now);
    if (!oldType.equals(newType)) {
      what.add("type: " + oldType + " → " + newType);
    }
    if (!documentation(was).equals(documentation(now))) {
      what.add("description changed");
    }
    compareAttributes(before, was, after, now, NODE_ATTRIBUTES_IN_TYPE, what);
    compareEventDefinitions(before, was, after, now, what);
    compareChildren(was, now, what);
    compareExtensions(extensions(was), extensions(now), what);
    compareFlows(before, was, after, now, what);
    return what;
  }

  /** A person's word for the element's BPMN type: "user task", "non-interrupting boundary timer event". */
  static String type(Element node) {
    List<Element> definitions = eventDefinitions(node);
    String kind = definitions.isEmpty() ? ""
        : definitions.size() > 1 ? "multiple " : kind(definitions.get(0)) + " ";
    return switch (node.getLocalName()) {
      case "startEvent" -> (inEventSubprocess(node) && "false".equals(node.getAttribute("isInterrupting").trim())
          ? "non-interrupting " : "") + kind + "start event";
      case "endEvent" -> kind + "end event";
      case "intermediateCatchEvent" -> kind + "intermediate catch event";
      case "intermediateThrowEvent" -> kind + "intermediate throw event";
      case "boundaryEvent" -> ("false".equals(node.getAttribute("cancelActivity").trim()) ? "non-interrupting " : "")
          + "boundary " + kind + "event";
      case "subProcess" -> "true".equals(node.getAttribute("triggeredByEvent").trim())
          ? "event subprocess" : "subprocess";
      case "adHocSubProcess" -> "ad-hoc subprocess";
      case "eventBasedGateway" -> "event-based gateway";
      default -> words(node.getLocalName());
    };
  }

  private static boolean inEventSubprocess(Element node) {
    return node.getParentNode() instanceof Element parent && parent.getLocalName().equals("subProcess")
        && "true".equals(parent.getAttribute("triggeredByEvent").trim());
  }

  /** "timer" for a timerEventDefinition, "compensation" for a compensateEventDefinition. */
  private static String kind(Element definition) {
    String name = definition.getLocalName();
    if (name.equals("compensateEventDefinition")) {
      return "compensation";
    }
    if (name.equals("eventDefinitionRef")) {
      return "referenced";
    }
    return name.substring(0, name.length() - "EventDefinition".length());
  }

  private static List<Element> eventDefinitions(Element node) {
    return children(node).stream().filter(child -> isBpmn(child)
        && (child.getLocalName().endsWith("EventDefinition") || child.getLocalName().equals("eventDefinitionRef")))
        .toList();
  }

  private static String documentation(Element node) {
    return children(node).stream().filter(child -> isBpmn(child) && child.getLocalName().equals("documentation"))
        .map(child -> normalize(child.getTextContent())).collect(Collectors.joining("\n"));
  }

  /**
   * Each attribute of the engine's namespaces that differs, by its name a person knows or by its own;
   * values are compared as shown, so an attribute left out equals its default written out.
   */
  private static void compareAttributes(Version before, Element was, Version after, Element now, Set<String> skip,
      List<String> what) {
    Map<String, String> oldValues = attributes(was);
    Map<String, String> newValues = attributes(now);
    Set<String> keys = new TreeSet<>(Comparator.comparingInt(PlaybookDiff::rank).thenComparing(key -> key));
    keys.addAll(oldValues.keySet());
    keys.addAll(newValues.keySet());
    for (String key : keys) {
      if (skip.contains(key)) {
        continue;
      }
      Attribute attribute = ATTRIBUTES.getOrDefault(key, new Attribute(key, Render.TEXT));
      if (!identity(before, attribute.render(), oldValues.get(key))
          .equals(identity(after, attribute.render(), newValues.get(key)))) {
        what.add(attribute.label() + ": " + render(before, attribute.render(), oldValues.get(key)) + " → "
            + render(after, attribute.render(), newValues.get(key)));
      }
    }
  }

  private static int rank(String key) {
    int rank = 0;
    for (String known : ATTRIBUTES.keySet()) {
      if (known.equals(key)) {
        return rank;
      }
      rank++;
    }
    return rank;
  }

  /**
   * What a value stands for: a step by its id, a flow by the step it leads to (so a renamed step is
   * not a new attachment), anything else as shown.
   */
  private static String identity(Version version, Render render, String value) {
    return switch (render) {
      case NODE -> value == null ? "" : value.trim();
      case FLOW -> {
        Element flow = value == null ? null : version.byId.get(value.trim());
        yield flow == null ? text(value) : "to " + flow.getAttribute("targetRef").trim();
      }
      default -> render(version, render, value);
    };
  }

  private static String render(Version version, Render render, String value) {
    return switch (render) {
      case TEXT -> text(value);
      case NO -> "true".equals(value == null ? null : value.trim()) ? "yes" : "no";
      case YES -> "false".equals(value == null ? null : value.trim()) ? "no" : "yes";
      case NODE -> value == null || value.isBlank() ? NONE : version.label(value.trim());
      case FLOW -> {
        Element flow = value == null ? null : version.byId.get(value.trim());
        yield flow == null ? text(value) : "the flow to " + version.label(flow.getAttribute("targetRef").trim());
      }
      case NAMED -> version.named(value);
    };
  }

  /**
   * Event definitions of the same kinds, pair by pair: the timer's date, duration or cycle, the
   * message's or signal's name, the step a throw event runs. A change of kind is the type's.
   */
  private static void compareEventDefinitions(Version before, Element was, Version after, Element now,
      List<String> what) {
    List<Element> oldDefinitions = eventDefinitions(was);
    List<Element> newDefinitions = eventDefinitions(now);
    if (oldDefinitions.size() != newDefinitions.size()) {
      return;
    }
    for (int i = 0; i < oldDefinitions.size(); i++) {
      Element oldDefinition = oldDefinitions.get(i);
      Element newDefinition = newDefinitions.get(i);
      if (!oldDefinition.getLocalName().equals(newDefinition.getLocalName())) {
        continue;
      }
      String kind = kind(newDefinition);
      Set<String> handled = new TreeSet<>(Set.of("id"));
      switch (newDefinition.getLocalName()) {
        case "timerEventDefinition" -> {
          String oldTimer = timer(oldDefinition);
          String newTimer = timer(newDefinition);
          if (!oldTimer.equals(newTimer)) {
            boolean sameKind = timerKind(oldDefinition).equals(timerKind(newDefinition));
            what.add("timer: " + (sameKind ? timerValue(oldDefinition) : oldTimer) + " → "
                + (sameKind ? timerValue(newDefinition) : newTimer));
          }
        }
        case "messageEventDefinition", "signalEventDefinition", "errorEventDefinition",
            "escalationEventDefinition" -> {
          String reference = kind + "Ref";
          handled.add(reference);
          String oldName = before.named(oldDefinition.getAttribute(reference));
          String newName = after.named(newDefinition.getAttribute(reference));
          if (!oldName.equals(newName)) {
            what.add(kind + ": " + oldName + " → " + newName);
          }
        }
        case "conditionalEventDefinition" -> {
          String oldCondition = text(childText(oldDefinition, "condition"));
          String newCondition = text(childText(newDefinition, "condition"));
          if (!oldCondition.equals(newCondition)) {
            what.add("condition: " + oldCondition + " → " + newCondition);
          }
        }
        case "linkEventDefinition" -> {
          handled.add("name");
          String oldLink = quoted(clean(oldDefinition.getAttribute("name")));
          String newLink = quoted(clean(newDefinition.getAttribute("name")));
          if (!oldLink.equals(newLink)) {
            what.add("link: " + oldLink + " → " + newLink);
          }
        }
        case "compensateEventDefinition" -> {
          handled.add("activityRef");
          String oldActivity = oldDefinition.getAttribute("activityRef");
          String newActivity = newDefinition.getAttribute("activityRef");
          if (!identity(before, Render.NODE, oldActivity).equals(identity(after, Render.NODE, newActivity))) {
            what.add("compensates: " + render(before, Render.NODE, oldActivity) + " → "
                + render(after, Render.NODE, newActivity));
          }
        }
        default -> { }
      }
      compareAttributes(before, oldDefinition, after, newDefinition, handled, what);
      Predicate<Element> other = child -> !Set.of("timeDate", "timeDuration", "timeCycle", "condition")
          .contains(child.getLocalName()) || !isBpmn(child);
      // Its attributes are compared above; here its other children (extensions, say).
      if (!canonical(oldDefinition, other, attribute -> false)
          .equals(canonical(newDefinition, other, attribute -> false))) {
        what.add(kind + " event settings changed");
      }
    }
  }

  private static String timerKind(Element timer) {
    for (Element child : children(timer)) {
      if (isBpmn(child) && Set.of("timeDate", "timeDuration", "timeCycle").contains(child.getLocalName())) {
        return child.getLocalName();
      }
    }
    return "";
  }

  private static String timerValue(Element timer) {
    String kind = timerKind(timer);
    return kind.isEmpty() ? NONE : text(childText(timer, kind));
  }

  /** "duration P14D", "date ${kickoffDueDate}", "cycle R/P1D". */
  private static String timer(Element timer) {
    String kind = timerKind(timer);
    return kind.isEmpty() ? NONE : words(kind.substring("time".length())) + " " + timerValue(timer);
  }

  /**
   * The children of a step that are neither its flows, its description, its event definitions, its
   * extensions nor (for a subprocess) its content: loops, scripts, data associations, performers.
   */
  private static void compareChildren(Element was, Element now, List<String> what) {
    Map<String, String> oldGroups = childGroups(was);
    Map<String, String> newGroups = childGroups(now);
    Set<String> names = new TreeSet<>(oldGroups.keySet());
    names.addAll(newGroups.keySet());
    for (String name : names) {
      String oldGroup = oldGroups.getOrDefault(name, "");
      String newGroup = newGroups.getOrDefault(name, "");
      if (oldGroup.equals(newGroup)) {
        continue;
      }
      if (name.equals("multiInstanceLoopCharacteristics") || name.equals("standardLoopCharacteristics")) {
        continue;
      }
      what.add(name.equals("script") ? "script changed" : words(name) + " changed");
    }
    String oldLoop = loop(was);
    String newLoop = loop(now);
    if (!oldLoop.equals(newLoop)) {
      what.add("multi-instance: " + oldLoop + " → " + newLoop);
    } else if (!oldGroups.getOrDefault("multiInstanceLoopCharacteristics", "")
        .equals(newGroups.getOrDefault("multiInstanceLoopCharacteristics", ""))
        || !oldGroups.getOrDefault("standardLoopCharacteristics", "")
        .equals(newGroups.getOrDefault("standardLoopCharacteristics", ""))) {
      what.add("multi-instance settings changed");
    }
  }

  private static Map<String, String> childGroups(Element node) {
    Map<String, String> groups = new TreeMap<>();
    boolean container = CONTAINERS.contains(node.getLocalName());
    for (Element child : children(node)) {
      if (!isBpmn(child)) {
        continue;
      }
      String name = child.getLocalName();
      if (Set.of("documentation", "incoming", "outgoing", "extensionElements", "eventDefinitionRef").contains(name)
          || name.endsWith("EventDefinition")
          || container && (FLOW_NODES.contains(name) || CONTENT.contains(name))) {
        continue;
      }
      groups.merge(name, canonical(child, element -> true, attribute -> true), (a, b) -> a + b);
    }
    return groups;
  }

  /** "parallel over ${accounts} as account", "loop while ${more}", "none". */
  private static String loop(Element node) {
    for (Element child : children(node)) {
      if (!isBpmn(child)) {
        continue;
      }
      if (child.getLocalName().equals("multiInstanceLoopCharacteristics")) {
        StringBuilder loop = new StringBuilder("true".equals(child.getAttribute("isSequential").trim())
            ? "sequential" : "parallel");
        String collection = clean(child.getAttributeNS(CAMUNDA, "collection"));
        String variable = clean(child.getAttributeNS(CAMUNDA, "elementVariable"));
        String cardinality = clean(childText(child, "loopCardinality"));
        String completion = clean(childText(child, "completionCondition"));
        if (collection != null) {
          loop.append(" over ").append(text(collection));
        }
        if (variable != null) {
          loop.append(" as ").append(text(variable));
        }
        if (cardinality != null) {
          loop.append(", ").append(text(cardinality)).append(" times");
        }
        if (completion != null) {
          loop.append(", until ").append(text(completion));
        }
        return loop.toString();
      }
      if (child.getLocalName().equals("standardLoopCharacteristics")) {
        String condition = clean(childText(child, "loopCondition"));
        return "loop" + (condition == null ? "" : " while " + text(condition));
      }
    }
    return "none";
  }

  private static List<Element> extensions(Element node) {
    List<Element> extensions = new ArrayList<>();
    for (Element child : children(node)) {
      if (isBpmn(child) && child.getLocalName().equals("extensionElements")) {
        children(child).stream().filter(PlaybookDiff::isEngines).forEach(extensions::add);
      }
    }
    return extensions;
  }

  /** Camunda's extensions: listeners, input/output mappings, retries, variables passed to a called playbook. */
  private static void compareExtensions(List<Element> was, List<Element> now, List<String> what) {
    Map<String, List<Element>> oldGroups = byExtension(was);
    Map<String, List<Element>> newGroups = byExtension(now);
    Set<String> names = new TreeSet<>(Comparator.comparingInt(PlaybookDiff::extensionRank).thenComparing(name -> name));
    names.addAll(oldGroups.keySet());
    names.addAll(newGroups.keySet());
    for (String name : names) {
      List<Element> oldGroup = oldGroups.getOrDefault(name, List.of());
      List<Element> newGroup = newGroups.getOrDefault(name, List.of());
      if (canonical(oldGroup).equals(canonical(newGroup))) {
        continue;
      }
      switch (name) {
        case "inputOutput" -> what.add("input/output mappings changed");
        case "in/out" -> what.add("variables passed to and from the called playbook changed");
        case "taskListener", "executionListener" -> {
          String label = name.equals("taskListener") ? "task listeners" : "execution listeners";
          String oldListeners = listeners(oldGroup);
          String newListeners = listeners(newGroup);
          what.add(oldListeners.equals(newListeners) ? label + " changed"
              : label + ": " + oldListeners + " → " + newListeners);
        }
        case "failedJobRetryTimeCycle" -> what.add("retries: " + text(text(oldGroup)) + " → " + text(text(newGroup)));
        case "properties" -> what.add("extension properties changed");
        case "field" -> what.add("field injections changed");
        case "formData" -> what.add("generated form changed");
        default -> what.add(words(name) + " changed");
      }
    }
  }

  private static final List<String> EXTENSION_ORDER = List.of("taskListener", "executionListener", "inputOutput",
      "in/out", "failedJobRetryTimeCycle");

  private static int extensionRank(String name) {
    int rank = EXTENSION_ORDER.indexOf(name);
    return rank < 0 ? EXTENSION_ORDER.size() : rank;
  }

  private static Map<String, List<Element>> byExtension(List<Element> extensions) {
    Map<String, List<Element>> groups = new TreeMap<>();
    for (Element extension : extensions) {
      String name = extension.getLocalName();
      if (name.equals("in") || name.equals("out")) {
        name = "in/out";
      }
      groups.computeIfAbsent(name, key -> new ArrayList<>()).add(extension);
    }
    return groups;
  }

  /** "create ${loadHandoffBrief}, complete ${saveHandoffBrief}". */
  private static String listeners(List<Element> listeners) {
    if (listeners.isEmpty()) {
      return "none";
    }
    return listeners.stream().map(listener -> {
      String event = clean(listener.getAttribute("event"));
      String runs = clean(listener.getAttribute("delegateExpression"));
      if (runs == null) {
        runs = clean(listener.getAttribute("expression"));
      }
      if (runs == null) {
        runs = clean(listener.getAttribute("class"));
      }
      if (runs == null) {
        runs = "a script";
      }
      return (event == null ? "" : event + " ") + text(runs);
    }).collect(Collectors.joining(", "));
  }

  /**
   * Where the step leads, by target: targets added or gone, and for a target in both, the condition,
   * the label and other settings of the flow. A flow's id is no change: only where it goes.
   */
  private static void compareFlows(Version before, Element was, Version after, Element now, List<String> what) {
    List<Element> oldFlows = before.flowsFrom.getOrDefault(was.getAttribute("id"), List.of());
    List<Element> newFlows = after.flowsFrom.getOrDefault(now.getAttribute("id"), List.of());
    List<String> oldTargets = oldFlows.stream().map(flow -> flow.getAttribute("targetRef").trim()).toList();
    List<String> newTargets = newFlows.stream().map(flow -> flow.getAttribute("targetRef").trim()).toList();
    if (!oldTargets.stream().sorted().toList().equals(newTargets.stream().sorted().toList())) {
      String nowTo = newTargets.isEmpty() ? "now none"
          : "now to " + newTargets.stream().map(after::label).collect(Collectors.joining(", "));
      String wasTo = oldTargets.isEmpty() ? "was none"
          : "was " + (newTargets.isEmpty() ? "to " : "") + oldTargets.stream().map(before::label)
              .collect(Collectors.joining(", "));
      what.add("outgoing flows: " + nowTo + " (" + wasTo + ")");
    }
    Map<String, List<Element>> oldByTarget = byTarget(oldFlows);
    Map<String, List<Element>> newByTarget = byTarget(newFlows);
    newByTarget.forEach((target, flows) -> {
      List<Element> matching = oldByTarget.getOrDefault(target, List.of());
      for (int i = 0; i < Math.min(flows.size(), matching.size()); i++) {
        Element oldFlow = matching.get(i);
        Element newFlow = flows.get(i);
        String to = "the flow to " + after.label(target);
        String oldCondition = text(childText(oldFlow, "conditionExpression"));
        String newCondition = text(childText(newFlow, "conditionExpression"));
        if (!oldCondition.equals(newCondition)) {
          what.add("condition on " + to + ": " + oldCondition + " → " + newCondition);
        }
        String oldLabel = quoted(clean(oldFlow.getAttribute("name")));
        String newLabel = quoted(clean(newFlow.getAttribute("name")));
        if (!oldLabel.equals(newLabel)) {
          what.add("label on " + to + ": " + oldLabel + " → " + newLabel);
        }
        Predicate<Element> other = child -> !isBpmn(child)
            || !Set.of("documentation", "conditionExpression").contains(child.getLocalName());
        Predicate<String> counts = attribute -> !Set.of("name", "sourceRef", "targetRef").contains(attribute);
        if (!canonical(oldFlow, other, counts).equals(canonical(newFlow, other, counts))
            || !attribute(childElement(oldFlow, "conditionExpression"), "language")
                .equals(attribute(childElement(newFlow, "conditionExpression"), "language"))) {
          what.add("other settings on " + to + " changed");
        }
      }
    });
  }

  private static Map<String, List<Element>> byTarget(List<Element> flows) {
    Map<String, List<Element>> byTarget = new LinkedHashMap<>();
    for (Element flow : flows) {
      byTarget.computeIfAbsent(flow.getAttribute("targetRef").trim(), target -> new ArrayList<>()).add(flow);
    }
    return byTarget;
  }

  private static String attribute(Element element, String name) {
    return element == null ? "" : element.getAttribute(name).trim();
  }

  /**
   * Attributes of the engine's namespaces by "name" (BPMN's) or "camunda:name"; no namespace is the
   * element's. An attribute that says its schema default is left out: a parsed file has the defaults
   * written in by schema validation, a model built in code does not, and neither is a change.
   */
  private static Map<String, String> attributes(Element element) {
    Map<String, String> values = new TreeMap<>();
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      String key = key(element, attribute);
      if (key != null && !attribute.getValue().trim().equals(schemaDefault(element, key))) {
        values.put(key, attribute.getValue());
      }
    }
    return values;
  }

  /** The BPMN 2.0 schema's defaults for the attributes of steps, events, gateways and flows. */
  private static final Map<String, String> SCHEMA_DEFAULTS = Map.ofEntries(Map.entry("startQuantity", "1"),
      Map.entry("completionQuantity", "1"), Map.entry("isForCompensation", "false"),
      Map.entry("parallelMultiple", "false"), Map.entry("isInterrupting", "true"), Map.entry("cancelActivity", "true"),
      Map.entry("triggeredByEvent", "false"), Map.entry("gatewayDirection", "Unspecified"),
      Map.entry("instantiate", "false"), Map.entry("eventGatewayType", "Exclusive"), Map.entry("isSequential", "false"),
      Map.entry("behavior", "All"), Map.entry("testBefore", "false"), Map.entry("textFormat", "text/plain"),
      Map.entry("cancelRemainingInstances", "true"), Map.entry("method", "##Compensate"));

  private static String schemaDefault(Element element, String key) {
    if (!isBpmn(element)) {
      return null;
    }
    if (key.equals("implementation")) {
      return Set.of("serviceTask", "sendTask", "receiveTask").contains(element.getLocalName())
          ? "##WebService" : "##unspecified";
    }
    return SCHEMA_DEFAULTS.get(key);
  }

  /** "camunda:asyncBefore", "name" (BPMN's), or null for namespace declarations and other tools' attributes. */
  private static String key(Element element, Attr attribute) {
    String namespace = attribute.getNamespaceURI() != null ? attribute.getNamespaceURI() : element.getNamespaceURI();
    String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
    if (BPMN.equals(namespace)) {
      return name;
    }
    if (CAMUNDA.equals(namespace)) {
      return "camunda:" + name;
    }
    if (ACTIVITI.equals(namespace)) {
      return "activiti:" + name;
    }
    return null;
  }

  /** BPMN's own elements and the engine's extensions; diagram layout and other tools' extensions are not read. */
  private static boolean isEngines(Element element) {
    String namespace = element.getNamespaceURI();
    return BPMN.equals(namespace) || CAMUNDA.equals(namespace) || ACTIVITI.equals(namespace);
  }

  private static boolean isBpmn(Element element) {
    return BPMN.equals(element.getNamespaceURI());
  }

  private static String canonical(List<Element> elements) {
    StringBuilder out = new StringBuilder();
    for (Element element : elements) {
      out.append(canonical(element, child -> true, attribute -> true));
    }
    return out.toString();
  }

  /**
   * The element as the engine reads it, for comparison: engine namespaces only, attributes sorted,
   * ids and whitespace ignored. Iterative, so a hostile file's deep nesting cannot overflow the stack.
   *
   * @param keep which of the element's own children count
   * @param counts which of the element's own attributes count
   */
  private static String canonical(Element root, Predicate<Element> keep, Predicate<String> counts) {
    StringBuilder out = new StringBuilder();
    Deque<Object> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Object item = stack.pop();
      if (item instanceof String close) {
        out.append(close);
        continue;
      }
      Element element = (Element) item;
      out.append('<').append(element.getNamespaceURI()).append('|').append(element.getLocalName());
      attributes(element).forEach((key, value) -> {
        if (!key.equals("id") && (element != root || counts.test(key))) {
          out.append(' ').append(key).append('=').append(value.length()).append(':').append(value);
        }
      });
      String text = normalize(ownText(element));
      out.append('>').append(text.length()).append(':').append(text);
      stack.push(")");
      List<Element> children = children(element);
      for (int i = children.size() - 1; i >= 0; i--) {
        Element child = children.get(i);
        if (isEngines(child) && (element != root || keep.test(child))) {
          stack.push(child);
        }
      }
    }
    return out.toString();
  }

  /** Visits the element and its descendants in document order, descending only where told; without recursion. */
  private static void preorder(Element root, Predicate<Element> descend, Consumer<Element> visit) {
    Deque<Element> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Element element = stack.pop();
      visit.accept(element);
      if (descend.test(element)) {
        List<Element> children = children(element);
        for (int i = children.size() - 1; i >= 0; i--) {
          stack.push(children.get(i));
        }
      }
    }
  }

  /** The element children of an element, in document order. */
  static List<Element> children(Element element) {
    List<Element> children = new ArrayList<>();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        children.add(childElement);
      }
    }
    return children;
  }

  private static Element childElement(Element element, String localName) {
    for (Element child : children(element)) {
      if (isBpmn(child) && child.getLocalName().equals(localName)) {
        return child;
      }
    }
    return null;
  }

  private static String childText(Element element, String localName) {
    Element child = childElement(element, localName);
    return child == null ? null : child.getTextContent();
  }

  private static String ownText(Element element) {
    StringBuilder text = new StringBuilder();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(child.getNodeValue());
      }
    }
    return text.toString();
  }

  private static String text(List<Element> elements) {
    return elements.stream().map(element -> normalize(element.getTextContent())).collect(Collectors.joining(" "));
  }

  /** A value as listed: whitespace collapsed, cut to a readable length, "(none)" when empty. */
  static String text(String value) {
    String clean = clean(value);
    return clean == null ? NONE : clean;
  }

  private static String quoted(String value) {
    return value == null ? NONE : "'" + value + "'";
  }

  /**
   * Whitespace, control characters and bidirectional overrides collapsed to single spaces, cut to
   * {@link #MAX_VALUE}; null when empty.
   */
  static String clean(String value) {
    if (value == null) {
      return null;
    }
    String clean = normalize(value);
    if (clean.isEmpty()) {
      return null;
    }
    return clean.length() > MAX_VALUE ? clean.substring(0, MAX_VALUE - 1) + "…" : clean;
  }

  private static final Pattern BLANKS =
      Pattern.compile("[\\s\\p{Cntrl}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]+");

  private static String normalize(String value) {
    // Bidirectional overrides too: a name could otherwise show on the page as something else.
    return value == null ? "" : BLANKS.matcher(value).replaceAll(" ").strip();
  }

  /** "userTask" → "user task", "businessRuleTask" → "business rule task". */
  static String words(String camelCase) {
    StringBuilder words = new StringBuilder();
    for (char c : camelCase.toCharArray()) {
      if (Character.isUpperCase(c)) {
        if (!words.isEmpty()) {
          words.append(' ');
        }
        words.append(Character.toLowerCase(c));
      } else {
        words.append(c);
      }
    }
    return words.toString();
  }
}
