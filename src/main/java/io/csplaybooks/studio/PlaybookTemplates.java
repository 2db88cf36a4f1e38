package io.csplaybooks.studio;

import static io.csplaybooks.sandbox.PlaybookValidator.BPMN;
import static io.csplaybooks.sandbox.PlaybookValidator.CAMUNDA;

import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.common.Validation;
import io.csplaybooks.sandbox.PlaybookValidator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Service;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The playbooks the application ships, as templates: a CS manager copies one under a key of their
 * own, changes it in Camunda Modeler and deploys it beside the original. The copy is the original's
 * file with three changes, the process's id (the key), its name and its version tag (back to 1), and
 * the diagram follows the new id, so it opens with its layout in Camunda Modeler. Every other byte is
 * the original's: the manager's diff of the two files shows only what they changed.
 *
 * <p>Every file is untrusted: it is read by the model API's parser (no DOCTYPE, so no external
 * entities) and, for the edit, by a parser set up as {@link PlaybookValidator} sets up its own.
 */
@Service
class PlaybookTemplates {

  /** A playbook of bpmn/ as the application deploys it: its process key, name and file name. */
  public record Shipped(String key, String name, String fileName) {}

  /**
   * @param fileName the key with ".bpmn", as bpmn/ names its playbooks
   * @param bpmn the copy's BPMN XML, in the original's encoding
   * @param notes what the CS manager must know before deploying the copy, in plain words
   */
  public record Copy(String fileName, byte[] bpmn, List<String> notes) {

    public Copy {
      notes = List.copyOf(notes);
    }
  }

  /**
   * How the copy starts, chosen from a list so that it deploys as it is: by hand (a none start event,
   * as the account page's "start a play" uses) or on a trigger's event (a message start with an async
   * boundary after it). The copy keeps the original's first start event, changed so, and drops the
   * others with the steps only they led to.
   *
   * @param message the trigger's event; null for a start by hand
   * @param name the start event's new name (the trigger's name, or "Started by hand")
   */
  public record Start(String message, String name) {

    public static final String BY_HAND = "Started by hand";

    public static Start byHand() {
      return new Start(null, BY_HAND);
    }

    public static Start onEvent(String message, String name) {
      return new Start(message, name);
    }

    boolean byHandOnly() {
      return message == null;
    }
  }

  /** Process keys as the project writes them (sales-handoff, qbr-cycle): also a valid XML id. */
  static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
  static final int MAX_KEY = 64;
  static final int MAX_NAME = 120;
  /** Spring's default upload limit; the largest playbook we ship is about 50 KB. */
  static final int MAX_BYTES = 1024 * 1024;

  private static final List<String> BPMN_FILES = List.of(".bpmn", ".bpmn20.xml");
  private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
  private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
  /** An attribute as written in a start tag: leading space, qualified name, '=', quoted value. */
  private static final Pattern TAG_ATTRIBUTE = Pattern.compile("(\\s+)([^\\s=/>]+)(\\s*=\\s*)(\"[^\"]*\"|'[^']*')");

  private final List<String> deploymentPatterns;
  private final ResourcePatternResolver resolver;
  private volatile List<ShippedFile> shipped;

  private record ShippedFile(Shipped playbook, byte[] content) {}

  /** Reads the playbooks from where the engine deploys them at start-up (camunda.bpm.deployment-resource-pattern). */
  @Autowired
  public PlaybookTemplates(CamundaBpmProperties camunda) {
    this(Arrays.asList(camunda.getDeploymentResourcePattern()), new PathMatchingResourcePatternResolver());
  }

  /** @param deploymentPatterns Spring resource patterns; their .bpmn files are the shipped playbooks */
  public PlaybookTemplates(List<String> deploymentPatterns, ResourcePatternResolver resolver) {
    this.deploymentPatterns = List.copyOf(deploymentPatterns);
    this.resolver = resolver;
  }

  /** The shipped playbooks, by key. */
  public List<Shipped> shipped() {
    return files().stream().map(ShippedFile::playbook).toList();
  }

  /** The shipped playbook's file as deployed. */
  public byte[] shipped(String key) {
    return files().stream().filter(file -> file.playbook().key().equals(key)).findFirst()
        .map(file -> file.content().clone())
        .orElseThrow(() -> new NotFoundException("No shipped playbook has the key '" + key + "'"));
  }

  /**
   * A copy of a shipped playbook. The new key may not be a shipped playbook's: deployed, the copy
   * would become a new version of that playbook, and every account starting it would run the copy.
   */
  public Copy copy(String shippedKey, String newKey, String newName) {
    return copy(shippedKey, newKey, newName, null);
  }

  /** The same, starting as chosen ({@code start} null: as the original starts). */
  public Copy copy(String shippedKey, String newKey, String newName, Start start) {
    byte[] original = shipped(shippedKey);
    Validation validation = validate(newKey, newName);
    if (validation.errors().isEmpty()) {
      files().stream().filter(file -> file.playbook().key().equals(newKey)).findFirst().ifPresent(file ->
          validation.reject("key", "is the key of the shipped playbook '" + file.playbook().name() + "': deployed,"
              + " the copy would become its next version; choose a key of the copy's own"));
    }
    validation.throwIfInvalid();
    return copy(original, newKey, newName, start);
  }

  /**
   * The same playbook under a new key and name, version tag 1, and notes on what the CS manager must
   * change or know before deploying it.
   *
   * @throws InvalidInputException naming "key", "name" or "file"
   */
  public static Copy copy(byte[] bpmn, String newKey, String newName) {
    return copy(bpmn, newKey, newName, null);
  }

  /**
   * The same, starting as chosen: by hand or on a trigger's event ({@code start} null: as the original
   * starts, with notes on what to change before deploying).
   *
   * @throws InvalidInputException naming "key", "name", "file" or "start"
   */
  public static Copy copy(byte[] bpmn, String newKey, String newName, Start start) {
    Validation validation = validate(newKey, newName);
    if (bpmn == null || bpmn.length == 0) {
      validation.reject("file", "is required");
    } else if (bpmn.length > MAX_BYTES) {
      validation.reject("file", "must be at most " + MAX_BYTES / 1024 + " KB");
    }
    validation.throwIfInvalid();
    String name = newName.strip();

    BpmnModelInstance model = read(bpmn);
    Process process = executableProcess(model);
    String oldKey = process.getId();
    ModelElementInstance taken = model.getModelElementById(newKey);
    if (taken != null && taken != process) {
      throw new InvalidInputException("key", "is already the id of an element of this playbook ("
          + taken.getElementType().getTypeName() + "): choose another key");
    }
    List<Element> starts = topStartEvents(parse(bpmn), oldKey);
    if (start != null && starts.isEmpty()) {
      throw new InvalidInputException("start", "the playbook has no start event to start it by");
    }
    if (start != null && !start.byHandOnly() && model.getModelElementById(start.message()) != null
        && !(model.getModelElementById(start.message()) instanceof org.camunda.bpm.model.bpmn.instance.Message)) {
      throw new InvalidInputException("start", "the event's name " + start.message() + " is the id of an element of"
          + " this playbook: declare the trigger under another name");
    }
    byte[] copy = rewrite(bpmn, oldKey, newKey, name, start);
    verify(copy, oldKey, newKey, name, model, start == null);
    List<String> notes = start == null ? notes(process, newKey)
        : notes(executableProcess(Bpmn.readModelFromStream(new ByteArrayInputStream(copy))), newKey, oldKey);
    if (start != null) {
      notes.add(0, start.byHandOnly()
          ? "Starts by hand: from the account page's \"Start a play\" (or a call from another playbook), for one"
              + " account, with only the account's id. Steps that read what the original's start brought"
              + " (a contract, a reason) find it missing: check them in Camunda Modeler."
          : "Starts on the event " + start.message() + " of the trigger '" + start.name() + "', with only the"
              + " account's id, after an async boundary (the trigger never runs its steps). Steps that read what"
              + " the original's start brought (a contract, a reason) find it missing: check them in Camunda Modeler.");
    }
    return new Copy(newKey + ".bpmn", copy, notes);
  }

  private static Validation validate(String newKey, String newName) {
    Validation validation = new Validation();
    if (validation.required("key", newKey)) {
      if (newKey.length() > MAX_KEY) {
        validation.reject("key", "must be at most " + MAX_KEY + " characters");
      } else if (!KEY.matcher(newKey).matches()) {
        validation.reject("key", "must be lowercase words of letters and digits joined by single hyphens,"
            + " starting with a letter, like sales-handoff");
      }
    }
    if (validation.required("name", newName)) {
      String name = newName.strip();
      if (name.length() > MAX_NAME) {
        validation.reject("name", "must be at most " + MAX_NAME + " characters");
      } else if (name.codePoints().anyMatch(PlaybookTemplates::isControl)) {
        validation.reject("name", "must be one line of text, without control characters such as tabs or line breaks");
      }
    }
    return validation;
  }

  /** A name without control characters, line breaks or the overrides that disguise text. */
  static boolean isOneLine(String name) {
    return name.codePoints().noneMatch(PlaybookTemplates::isControl);
  }

  /** Control characters, line and paragraph separators, and the bidirectional overrides that disguise text. */
  private static boolean isControl(int c) {
    return Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c >= 0x202A && c <= 0x202E
        || c >= 0x2066 && c <= 0x2069 || c == 0xFEFF;
  }

  private static BpmnModelInstance read(byte[] bpmn) {
    try {
      return Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn));
    } catch (RuntimeException notBpmn) {
      throw new InvalidInputException("file", "is not a BPMN 2.0 file: " + firstLine(notBpmn));
    }
  }

  /** A playbook file deploys one process: with two, a copy would deploy the second under its old key. */
  private static Process executableProcess(BpmnModelInstance model) {
    List<Process> executable = model.getModelElementsByType(Process.class).stream()
        .filter(Process::isExecutable).toList();
    if (executable.size() != 1) {
      throw new InvalidInputException("file", executable.isEmpty() ? "holds no executable process"
          : "holds " + executable.size() + " executable processes; a playbook is one");
    }
    return executable.get(0);
  }

  /**
   * What the engine or the people using the copy will see differently from the original: a message
   * start the engine refuses twice, timers and signals that start both, who may start it by hand,
   * and the forms it shares with the original.
   */
  static List<String> notes(Process process, String newKey) {
    return notes(process, newKey, null);
  }

  /** @param originalKey the original's key when the process is already the copy, else null (the process's own) */
  static List<String> notes(Process process, String newKey, String originalKey) {
    String original = originalKey != null ? originalKey : process.getId();
    List<String> notes = new ArrayList<>();
    for (FlowElement element : process.getFlowElements()) {
      if (!(element instanceof StartEvent start)) {
        continue;
      }
      String event = "start event " + label(start);
      for (EventDefinition definition : start.getEventDefinitions()) {
        if (definition instanceof MessageEventDefinition message && message.getMessage() != null
            && originalKey == null) {
          notes.add("Starts on the message '" + message.getMessage().getName() + "' (" + event + "), which the"
              + " playbook '" + original + "' already starts on: the engine lets one playbook start on a message"
              + " and refuses to deploy a second. In Camunda Modeler, change this start event to a plain start"
              + " event, or remove it, before deploying.");
        } else if (definition instanceof TimerEventDefinition timer) {
          notes.add("Starts by itself on a timer (" + event + ", " + timerText(timer) + "), as '" + original
              + "' does: once deployed, both start on that schedule.");
        } else if (definition instanceof SignalEventDefinition signal && signal.getSignal() != null) {
          notes.add("Starts on the signal '" + signal.getSignal().getName() + "' (" + event + "), as '" + original
              + "' does: once deployed, each signal starts both.");
        }
      }
      if (start.getEventDefinitions().isEmpty() && (start.getCamundaFormRef() != null
          || start.getCamundaFormKey() != null)) {
        notes.add("Starts by hand in Tasklist (" + event + "): people may start it once Camunda Admin grants"
            + " their group 'Create instance' on the process definition '" + newKey + "'; what they were granted"
            + " on '" + original + "' does not carry over to the copy.");
      }
    }
    Map<String, List<String>> forms = forms(process);
    if (!forms.isEmpty()) {
      List<String> named = new ArrayList<>();
      forms.forEach((form, steps) -> named.add(form + " (" + String.join(", ", steps) + ")"));
      notes.add("Shows the forms " + String.join("; ", named) + ". The copy names them by the same ids as '"
          + original + "', so the studio's check finds each among the deployed forms. To change a form for the"
          + " copy only, save it in Camunda Modeler under a new id and name that id in the step.");
    }
    return notes;
  }

  /** Form id to the steps that show it (user tasks and start events, subprocesses included), by form id. */
  private static Map<String, List<String>> forms(Process process) {
    Map<String, List<String>> forms = new TreeMap<>();
    Deque<Collection<FlowElement>> containers = new ArrayDeque<>();
    containers.push(process.getFlowElements());
    while (!containers.isEmpty()) {
      for (FlowElement element : containers.pop()) {
        String form = element instanceof UserTask task ? task.getCamundaFormRef()
            : element instanceof StartEvent start ? start.getCamundaFormRef() : null;
        if (form != null && !form.isBlank()) {
          String step = (element instanceof StartEvent ? "start event " : "") + label(element);
          forms.computeIfAbsent(PlaybookDiff.text(form), id -> new ArrayList<>()).add(step);
        }
        if (element instanceof SubProcess subProcess) {
          containers.push(subProcess.getFlowElements());
        }
      }
    }
    return forms;
  }

  private static String label(FlowElement element) {
    String name = PlaybookDiff.clean(element.getName());
    return name == null ? PlaybookDiff.text(element.getId()) : "'" + name + "'";
  }

  private static String timerText(TimerEventDefinition timer) {
    if (timer.getTimeCycle() != null) {
      return "cycle " + PlaybookDiff.text(timer.getTimeCycle().getTextContent());
    }
    if (timer.getTimeDate() != null) {
      return "date " + PlaybookDiff.text(timer.getTimeDate().getTextContent());
    }
    return timer.getTimeDuration() == null ? "no time set"
        : "duration " + PlaybookDiff.text(timer.getTimeDuration().getTextContent());
  }

  /**
   * The original's text with the start tags of the process, its diagram planes and its participants
   * rewritten, and nothing else touched. The parse tells which elements those are (by their place in
   * document order) and which prefix the Camunda namespace has; the text is then walked tag by tag,
   * which is safe because the parse accepted it as well-formed and without a DOCTYPE (so no entity
   * can expand into markup).
   */
  private static byte[] rewrite(byte[] content, String oldKey, String newKey, String newName, Start start) {
    Document document = parse(content);
    Charset charset = charset(document);
    String text = new String(content, charset);
    if (!Arrays.equals(text.getBytes(charset), content)) {
      throw new InvalidInputException("file", "is not valid " + charset.name() + " text");
    }

    Map<Element, Integer> order = new HashMap<>();
    List<Element> all = new ArrayList<>();
    Deque<Element> stack = new ArrayDeque<>();
    stack.push(document.getDocumentElement());
    while (!stack.isEmpty()) {
      Element element = stack.pop();
      order.put(element, all.size());
      all.add(element);
      List<Element> children = children(element);
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.push(children.get(i));
      }
    }
    TextEdits edits = new TextEdits();
    Element processElement = null;
    for (Element element : all) {
      String namespace = element.getNamespaceURI();
      String name = element.getLocalName();
      if (BPMN.equals(namespace) && name.equals("process") && oldKey.equals(element.getAttribute("id"))) {
        edits.attributes(order.get(element)).putAll(processEdits(element, newKey, newName));
        processElement = element;
      } else if (BPMNDI.equals(namespace) && name.equals("BPMNPlane")
          && oldKey.equals(element.getAttribute("bpmnElement"))) {
        edits.attributes(order.get(element)).put("bpmnElement", newKey);
      } else if (BPMN.equals(namespace) && name.equals("participant")
          && oldKey.equals(element.getAttribute("processRef"))) {
        edits.attributes(order.get(element)).put("processRef", newKey);
      }
    }
    if (start != null && processElement != null) {
      chooseStart(document, processElement, start, order, all, edits);
    }
    return edits.apply(text).getBytes(charset);
  }

  private static List<Element> children(Element element) {
    return PlaybookDiff.children(element);
  }

  /** The start events at the top of the process, in document order. */
  static List<Element> topStartEvents(Document document, String processKey) {
    for (Element element : children(document.getDocumentElement())) {
      if (BPMN.equals(element.getNamespaceURI()) && element.getLocalName().equals("process")
          && processKey.equals(element.getAttribute("id"))) {
        return children(element).stream()
            .filter(child -> BPMN.equals(child.getNamespaceURI()) && child.getLocalName().equals("startEvent")).toList();
      }
    }
    return List.of();
  }

  /** Event definitions a start event may hold: what starts it. */
  private static final List<String> EVENT_DEFINITIONS = List.of("messageEventDefinition", "timerEventDefinition",
      "signalEventDefinition", "conditionalEventDefinition", "escalationEventDefinition", "errorEventDefinition",
      "compensateEventDefinition", "eventDefinitionRef");
  /** What makes a start event one by a start form in Tasklist. */
  private static final List<String> START_FORM = List.of("formRef", "formRefBinding", "formRefVersion", "formKey");

  /**
   * Keeps the process's first start event, changed to start as chosen, and removes the other start
   * events with the sequence flows they begin and the steps only those flows led to (the handoff's
   * "Register closed contract" goes with its start by hand), their shapes and edges, the incoming
   * references to what is gone, and the messages nothing refers to any more.
   */
  private static void chooseStart(Document document, Element process, Start start, Map<Element, Integer> order,
      List<Element> all, TextEdits edits) {
    List<Element> starts = children(process).stream()
        .filter(child -> BPMN.equals(child.getNamespaceURI()) && child.getLocalName().equals("startEvent")).toList();
    Element kept = starts.get(0);
    String bpmnPrefix = kept.getPrefix();
    String tag = bpmnPrefix == null ? "" : bpmnPrefix + ":";

    // What goes: the other starts, then whatever only removed flows lead to, until nothing more goes.
    Map<String, Element> byId = new HashMap<>();
    List<Element> flows = new ArrayList<>();
    for (Element child : children(process)) {
      if (!child.getAttribute("id").isEmpty()) {
        byId.put(child.getAttribute("id"), child);
      }
      if (BPMN.equals(child.getNamespaceURI()) && child.getLocalName().equals("sequenceFlow")) {
        flows.add(child);
      }
    }
    java.util.Set<String> gone = new java.util.LinkedHashSet<>();
    starts.stream().skip(1).forEach(other -> gone.add(other.getAttribute("id")));
    boolean more = true;
    while (more) {
      more = false;
      for (Element flow : flows) {
        if (gone.contains(flow.getAttribute("sourceRef")) && gone.add(flow.getAttribute("id"))) {
          more = true;
        }
      }
      for (Element child : children(process)) {
        String id = child.getAttribute("id");
        if (id.isEmpty() || gone.contains(id)) {
          continue;
        }
        if (gone.contains(child.getAttribute("attachedToRef"))) {
          gone.add(id);
          more = true;
          continue;
        }
        List<Element> incoming = flows.stream().filter(f -> id.equals(f.getAttribute("targetRef"))).toList();
        if (!incoming.isEmpty() && incoming.stream().allMatch(f -> gone.contains(f.getAttribute("id")))) {
          gone.add(id);
          more = true;
        }
      }
    }
    // A gateway that merged the starts' ways and now has one way in and one out decides nothing: the way
    // in goes straight on to where the gateway led, drawn through the gateway's place.
    Map<String, String> retarget = new HashMap<>();
    Map<String, Element> edges = new HashMap<>();
    for (Element element : all) {
      if (BPMNDI.equals(element.getNamespaceURI()) && element.getLocalName().equals("BPMNEdge")) {
        edges.put(element.getAttribute("bpmnElement"), element);
      }
    }
    for (Element gateway : children(process)) {
      String id = gateway.getAttribute("id");
      if (gone.contains(id) || !BPMN.equals(gateway.getNamespaceURI())
          || !List.of("exclusiveGateway", "inclusiveGateway", "parallelGateway").contains(gateway.getLocalName())) {
        continue;
      }
      List<Element> in = flows.stream().filter(f -> id.equals(f.getAttribute("targetRef"))).toList();
      List<Element> out = flows.stream().filter(f -> id.equals(f.getAttribute("sourceRef"))).toList();
      List<Element> keptIn = in.stream().filter(f -> !gone.contains(f.getAttribute("id"))).toList();
      if (in.size() < 2 || keptIn.size() != 1 || out.size() != 1 || gone.contains(out.get(0).getAttribute("id"))) {
        continue;
      }
      Element way = keptIn.get(0);
      Element next = out.get(0);
      gone.add(id);
      gone.add(next.getAttribute("id"));
      edits.attributes(order.get(way)).put("targetRef", next.getAttribute("targetRef"));
      retarget.put(next.getAttribute("id"), way.getAttribute("id"));
      Element wayEdge = edges.get(way.getAttribute("id"));
      Element nextEdge = edges.get(next.getAttribute("id"));
      if (wayEdge != null && nextEdge != null) {
        List<Element> points = children(nextEdge).stream().filter(c -> c.getLocalName().equals("waypoint")).toList();
        StringBuilder waypoints = new StringBuilder();
        for (int i = 1; i < points.size(); i++) {
          Element point = points.get(i);
          waypoints.append(i > 1 ? "\n" : "").append("<").append(point.getTagName()).append(" x=\"")
              .append(point.getAttribute("x")).append("\" y=\"").append(point.getAttribute("y")).append("\" />");
        }
        if (waypoints.length() > 0) {
          edits.insertBeforeClose(order.get(wayEdge), waypoints.toString());
        }
      }
    }
    for (String id : gone) {
      edits.remove(order.get(byId.get(id)));
    }
    java.util.Set<String> remainingMessages = new java.util.HashSet<>();
    for (Element element : all) {
      if (isInside(element, gone, byId)) {
        continue;
      }
      String local = element.getLocalName();
      if (BPMN.equals(element.getNamespaceURI()) && local.equals("incoming")
          && gone.contains(element.getTextContent().trim())) {
        edits.remove(order.get(element));
        String instead = retarget.get(element.getTextContent().trim());
        if (instead != null) {
          edits.insertBefore(order.get(element), "<" + element.getTagName() + ">" + instead + "</"
              + element.getTagName() + ">");
        }
      }
      if (BPMNDI.equals(element.getNamespaceURI()) && (local.equals("BPMNShape") || local.equals("BPMNEdge"))
          && gone.contains(element.getAttribute("bpmnElement"))) {
        edits.remove(order.get(element));
      }
      if (element.getParentNode() == kept && BPMN.equals(element.getNamespaceURI())
          && (EVENT_DEFINITIONS.contains(local) || local.equals("documentation"))) {
        edits.remove(order.get(element));
      } else if (!element.getAttribute("messageRef").isEmpty()) {
        remainingMessages.add(element.getAttribute("messageRef"));
      }
    }

    // The kept start: its new name, no start form, and for an event its message after an async boundary.
    Map<String, String> keptEdits = edits.attributes(order.get(kept));
    keptEdits.put("name", start.name());
    String camunda = kept.lookupPrefix(CAMUNDA);
    for (String attribute : START_FORM) {
      Attr form = kept.getAttributeNodeNS(CAMUNDA, attribute);
      if (form != null) {
        keptEdits.put(form.getName(), null);
      }
    }
    if (!start.byHandOnly()) {
      String messageId = null;
      for (Element child : children(document.getDocumentElement())) {
        if (BPMN.equals(child.getNamespaceURI()) && child.getLocalName().equals("message")
            && start.message().equals(child.getAttribute("name"))) {
          messageId = child.getAttribute("id");
        }
      }
      if (messageId == null) {
        messageId = start.message();
        edits.insertBefore(order.get(process), "<" + tag + "message id=\"" + messageId + "\" name=\""
            + escape(start.message(), '"') + "\" />");
      }
      remainingMessages.add(messageId);
      String definitionId = kept.getAttribute("id") + "Message";
      while (byIdAnywhere(document, definitionId)) {
        definitionId = definitionId + "1";
      }
      edits.insertBeforeClose(order.get(kept), "<" + tag + "messageEventDefinition id=\"" + definitionId
          + "\" messageRef=\"" + messageId + "\" />");
      // The camunda prefix is declared on the process when the file had none (processEdits).
      keptEdits.put((camunda == null ? processCamundaPrefix(process) : camunda) + ":asyncAfter", "true");
    }
    for (Element child : children(document.getDocumentElement())) {
      if (BPMN.equals(child.getNamespaceURI()) && child.getLocalName().equals("message")
          && !remainingMessages.contains(child.getAttribute("id"))) {
        edits.remove(order.get(child));
      }
    }
  }

  private static boolean isInside(Element element, java.util.Set<String> gone, Map<String, Element> byId) {
    for (Node node = element; node != null; node = node.getParentNode()) {
      if (node instanceof Element e && gone.contains(e.getAttribute("id")) && byId.get(e.getAttribute("id")) == e) {
        return true;
      }
    }
    return false;
  }

  private static boolean byIdAnywhere(Document document, String id) {
    Deque<Element> stack = new ArrayDeque<>();
    stack.push(document.getDocumentElement());
    while (!stack.isEmpty()) {
      Element element = stack.pop();
      if (id.equals(element.getAttribute("id"))) {
        return true;
      }
      children(element).forEach(stack::push);
    }
    return false;
  }

  /** The prefix processEdits gives the Camunda namespace when the file declares none. */
  private static String processCamundaPrefix(Element process) {
    String prefix = "camunda";
    for (int i = 1; process.lookupNamespaceURI(prefix) != null; i++) {
      prefix = "camunda" + i;
    }
    return prefix;
  }

  /** id, name and version tag, by the names the tag writes them with; the Camunda namespace declared if it is not. */
  private static Map<String, String> processEdits(Element process, String newKey, String newName) {
    Map<String, String> edits = new LinkedHashMap<>();
    edits.put("id", newKey);
    edits.put("name", newName);
    Attr versionTag = process.getAttributeNodeNS(CAMUNDA, "versionTag");
    if (versionTag != null) {
      edits.put(versionTag.getName(), "1");
      return edits;
    }
    String prefix = process.lookupPrefix(CAMUNDA);
    if (prefix == null) {
      prefix = "camunda";
      for (int i = 1; process.lookupNamespaceURI(prefix) != null; i++) {
        prefix = "camunda" + i;
      }
      edits.put("xmlns:" + prefix, CAMUNDA);
    }
    edits.put(prefix + ":versionTag", "1");
    return edits;
  }

  /**
   * Edits of the markup by element (the n-th start tag is the n-th element in document order): attributes
   * set or removed (a null value), whole elements removed with their line, text put before an element or
   * before its end tag as its last child, each on a line of its own, indented as its neighbours.
   */
  private static final class TextEdits {

    private final Map<Integer, Map<String, String>> attributes = new HashMap<>();
    private final java.util.Set<Integer> removed = new java.util.HashSet<>();
    private final Map<Integer, String> before = new HashMap<>();
    private final Map<Integer, String> lastChild = new HashMap<>();

    Map<String, String> attributes(int element) {
      return attributes.computeIfAbsent(element, e -> new LinkedHashMap<>());
    }

    void remove(Integer element) {
      if (element != null) {
        removed.add(element);
      }
    }

    void insertBefore(int element, String markup) {
      before.put(element, markup);
    }

    void insertBeforeClose(int element, String markup) {
      lastChild.put(element, markup);
    }

    String apply(String text) {
      StringBuilder out = new StringBuilder(text.length() + 256);
      int copied = 0;
      int position = 0;
      int element = -1;
      Deque<Integer> open = new ArrayDeque<>();
      while (true) {
        int at = text.indexOf('<', position);
        if (at < 0) {
          break;
        }
        if (text.startsWith("<?", at)) {
          position = end(text, "?>", at);
        } else if (text.startsWith("<!--", at)) {
          position = end(text, "-->", at + 4);
        } else if (text.startsWith("<![CDATA[", at)) {
          position = end(text, "]]>", at);
        } else if (text.startsWith("<!", at)) {
          throw new InvalidInputException("file", "has a DOCTYPE: playbooks have none");
        } else if (text.startsWith("</", at)) {
          position = end(text, ">", at);
          Integer closing = open.pop();
          String child = lastChild.get(closing);
          if (child != null) {
            String indent = indent(text, at);
            out.append(text, copied, at);
            for (String line : child.split("\n")) {
              out.append("  ").append(line).append('\n').append(indent);
            }
            copied = at;
          }
        } else {
          element++;
          int close = tagEnd(text, at);
          boolean empty = text.charAt(close - 2) == '/';
          if (removed.contains(element)) {
            int removedElement = element;
            int stop = close;
            int depth = empty ? 0 : 1;
            while (depth > 0) {
              int next = text.indexOf('<', stop);
              if (text.startsWith("</", next)) {
                depth--;
                stop = end(text, ">", next);
              } else if (text.startsWith("<!--", next)) {
                stop = end(text, "-->", next + 4);
              } else if (text.startsWith("<![CDATA[", next)) {
                stop = end(text, "]]>", next);
              } else if (text.startsWith("<?", next)) {
                stop = end(text, "?>", next);
              } else {
                element++;
                stop = tagEnd(text, next);
                if (text.charAt(stop - 2) != '/') {
                  depth++;
                }
              }
            }
            int from = lineStart(text, at);
            out.append(text, copied, from);
            String instead = before.get(removedElement);
            if (instead != null) {
              out.append(from < at ? text.substring(from, at) : "").append(instead);
            }
            copied = stop;
            position = stop;
            continue;
          }
          String markup = before.get(element);
          if (markup != null) {
            out.append(text, copied, at).append(markup).append('\n').append(indent(text, at));
            copied = at;
          }
          Map<String, String> changes = attributes.get(element);
          String child = lastChild.get(element);
          if (changes != null || child != null && empty) {
            String edited = changes == null ? text.substring(at, close) : editTag(text.substring(at, close), changes);
            if (child != null && empty) {
              // <x/> becomes <x>child</x>
              String name = edited.substring(1).split("[\\s/>]", 2)[0];
              String indent = indent(text, at);
              edited = edited.substring(0, edited.length() - 2).stripTrailing() + ">\n" + indent + "  " + child
                  + "\n" + indent + "</" + name + ">";
            }
            out.append(text, copied, at).append(edited);
            copied = close;
          }
          if (!empty) {
            open.push(element);
          }
          position = close;
        }
      }
      return out.append(text, copied, text.length()).toString();
    }

    /** The whitespace before a tag on its line. */
    private static String indent(String text, int at) {
      int from = lineStart(text, at);
      String before = text.substring(from, at).replace("\n", "").replace("\r", "");
      return before.isBlank() ? before : "";
    }

    /** Where the tag's line starts (its newline included) when only whitespace precedes it there; else the tag. */
    private static int lineStart(String text, int at) {
      int i = at;
      while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
        i--;
      }
      if (i > 0 && text.charAt(i - 1) == '\n') {
        i--;
        if (i > 0 && text.charAt(i - 1) == '\r') {
          i--;
        }
        return i;
      }
      return i == 0 || text.charAt(i - 1) == '>' ? i : at;
    }
  }

  private static int end(String text, String terminator, int from) {
    int at = text.indexOf(terminator, from);
    if (at < 0) {
      throw new InvalidInputException("file", "is not well-formed XML");
    }
    return at + terminator.length();
  }

  /** The index after a start tag's '>', skipping a '>' inside a quoted attribute value. */
  private static int tagEnd(String text, int open) {
    char quote = 0;
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return i + 1;
      }
    }
    throw new InvalidInputException("file", "is not well-formed XML");
  }

  /**
   * Replaces the named attributes' values in their quotes, or removes those whose new value is null; adds
   * those the tag lacks after its last attribute.
   */
  private static String editTag(String tag, Map<String, String> changes) {
    Map<String, String> missing = new LinkedHashMap<>(changes);
    StringBuilder out = new StringBuilder();
    Matcher attribute = TAG_ATTRIBUTE.matcher(tag);
    int copied = 0;
    int afterLast = -1;
    while (attribute.find()) {
      afterLast = attribute.end();
      String name = attribute.group(2);
      if (missing.containsKey(name)) {
        String value = missing.remove(name);
        if (value == null) {
          out.append(tag, copied, attribute.start());
        } else {
          char quote = attribute.group(4).charAt(0);
          out.append(tag, copied, attribute.start(4)).append(quote).append(escape(value, quote)).append(quote);
        }
        copied = attribute.end();
      }
    }
    if (afterLast < 0) {
      // No attribute yet: after the element's name.
      afterLast = 1;
      while (afterLast < tag.length() && !Character.isWhitespace(tag.charAt(afterLast))
          && tag.charAt(afterLast) != '/' && tag.charAt(afterLast) != '>') {
        afterLast++;
      }
    }
    if (afterLast < copied) {
      afterLast = copied;
    }
    out.append(tag, copied, afterLast);
    missing.forEach((name, value) -> {
      if (value != null) {
        out.append(' ').append(name).append("=\"").append(escape(value, '"')).append('"');
      }
    });
    return out.append(tag, afterLast, tag.length()).toString();
  }

  private static String escape(String value, char quote) {
    StringBuilder escaped = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append(quote == '"' ? "&quot;" : "\"");
        case '\'' -> escaped.append(quote == '\'' ? "&apos;" : "'");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** {@link PlaybookValidator}'s parser: no DOCTYPE, no external entities, no XInclude. */
  private static Document parse(byte[] content) {
    try {
      return PlaybookValidator.parse(content);
    } catch (Exception notXml) {
      throw new InvalidInputException("file", "is not a BPMN 2.0 file: " + firstLine(notXml));
    }
  }

  /**
   * The encoding the file is in: the one its XML declaration names, except that for "UTF-16" the
   * parser's reading of the byte order mark says which UTF-16; UTF-8 when the file names none.
   * (The JDK's parser reports UTF-8 as the input encoding of an ISO-8859-1 file, so the declaration
   * comes first.) Decoding is checked to give back the very bytes, so a mistake here refuses the file
   * rather than altering it.
   */
  private static Charset charset(Document document) {
    String declared = document.getXmlEncoding();
    String encoding = declared != null && !declared.equalsIgnoreCase("UTF-16") ? declared
        : document.getInputEncoding();
    try {
      return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    } catch (RuntimeException unknown) {
      throw new InvalidInputException("file", "is in the encoding '" + encoding + "', which the studio cannot copy");
    }
  }

  /**
   * The copy, read back: the new key, name and version tag, the diagram on it, and every other element
   * as in the original. A failure here is this class's mistake, not the file's.
   */
  private static void verify(byte[] copy, String oldKey, String newKey, String newName, BpmnModelInstance original,
      boolean sameElements) {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(copy));
    ModelElementInstance element = model.getModelElementById(newKey);
    if (!(element instanceof Process process) || !process.isExecutable() || !newName.equals(process.getName())
        || !"1".equals(process.getCamundaVersionTag()) || model.getModelElementById(oldKey) != null) {
      throw new IllegalStateException("The copy of '" + oldKey + "' does not have the new key, name and version tag");
    }
    for (BpmnPlane plane : original.getModelElementsByType(BpmnPlane.class)) {
      BpmnPlane copied = model.getModelElementById(plane.getId());
      boolean onProcess = plane.getBpmnElement() != null && oldKey.equals(plane.getBpmnElement().getId());
      if (copied == null || onProcess && (copied.getBpmnElement() == null
          || !newKey.equals(copied.getBpmnElement().getId()))) {
        throw new IllegalStateException("The diagram of the copy of '" + oldKey + "' does not show the copy");
      }
    }
    if (sameElements && model.getModelElementsByType(FlowElement.class).size()
        != original.getModelElementsByType(FlowElement.class).size()) {
      throw new IllegalStateException("The copy of '" + oldKey + "' lost or gained elements");
    }
  }

  private List<ShippedFile> files() {
    List<ShippedFile> files = shipped;
    if (files == null) {
      files = load();
      shipped = files;
    }
    return files;
  }

  /** The .bpmn files the deployment patterns find, each by its executable process; the first of a key wins. */
  private List<ShippedFile> load() {
    Map<String, ShippedFile> byKey = new LinkedHashMap<>();
    for (String pattern : deploymentPatterns) {
      Resource[] resources;
      try {
        resources = resolver.getResources(pattern);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list the shipped playbooks of " + pattern, e);
      }
      Arrays.sort(resources, Comparator.comparing(resource -> String.valueOf(resource.getFilename())));
      for (Resource resource : resources) {
        String fileName = resource.getFilename();
        if (fileName == null || BPMN_FILES.stream().noneMatch(fileName.toLowerCase(Locale.ROOT)::endsWith)) {
          continue;
        }
        byte[] content;
        try (InputStream in = resource.getInputStream()) {
          content = in.readAllBytes();
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read the shipped playbook " + fileName, e);
        }
        Process process = executableProcess(read(content));
        byKey.putIfAbsent(process.getId(), new ShippedFile(
            new Shipped(process.getId(), process.getName(), fileName), content));
      }
    }
    return byKey.values().stream().sorted(Comparator.comparing(file -> file.playbook().key())).toList();
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage();
    if (message == null) {
      return "it cannot be read";
    }
    int newline = message.indexOf('\n');
    return PlaybookDiff.text(newline < 0 ? message : message.substring(0, newline));
  }
}
