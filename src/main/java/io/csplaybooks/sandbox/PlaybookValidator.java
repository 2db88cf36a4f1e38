package io.csplaybooks.sandbox;

import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookForms;
import io.csplaybooks.playbook.PlaybookVariables;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.Escalation;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.Signal;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The rules a playbook must keep before the engine accepts it, in words a CS manager understands.
 * Safety first: a playbook calls the application's steps and functions and nothing else, so every
 * place a BPMN or DMN file can hold an expression is checked ({@link PlaybookExpressions}), and
 * scripts, Java classes, script conditions, connectors, field injection, embedded or generated
 * forms, external and shell tasks, JUEL in decision tables and files other than playbooks, decision
 * tables and forms are refused. Then the design rules: every form a user task shows is deployed
 * with it, work goes to groups that exist, a playbook only waits for messages the application
 * sends, every user task has a due date, and nothing waits for a mail. Plain Java: the engine plugin feeds it a deployment,
 * the model rules test feeds it bpmn/ and forms/.
 */
public class PlaybookValidator {

  public static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  public static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  /** Camunda 7 still reads Activiti's extension namespace, with the same powers as its own. */
  public static final String ACTIVITI = "http://activiti.org/bpmn";
  static final String DMN_CAMUNDA = "http://camunda.org/schema/1.0/dmn";

  /** File names the engine deploys as playbooks, decision tables and forms; nothing else may be deployed. */
  static final List<String> PLAYBOOK_FILES = List.of(".bpmn", ".bpmn20.xml", ".dmn", ".dmn11.xml", ".form");
  /** The names a DMN file may give its expression language: FEEL, which cannot reach the server. */
  static final Set<String> FEEL = Set.of("feel", "feel-scala", "http://www.omg.org/spec/feel/20140401",
      "http://www.omg.org/spec/dmn/20180521/feel/", "https://www.omg.org/spec/dmn/20191111/feel/",
      "https://www.omg.org/spec/dmn/20230324/feel/");

  /** Attributes that name a Java class the engine would load and run. */
  private static final Set<String> CLASS_ATTRIBUTES = Set.of("class", "variableMappingClass", "formHandlerClass");
  /** Attributes that name a bean to run: only a step will do. */
  private static final Set<String> STEP_ATTRIBUTES = Set.of("delegateExpression", "variableMappingDelegateExpression");
  private static final Set<String> CASE_ATTRIBUTES = Set.of("caseRef", "caseBinding", "caseVersion", "caseTenantId");
  /** Attributes that store a value in the process variable they name. */
  private static final Set<String> VARIABLE_ATTRIBUTES = Set.of("resultVariable", "elementVariable", "initiator",
      "errorCodeVariable", "errorMessageVariable", "escalationCodeVariable");
  /** A call activity's business key: its own, so the called playbook runs for the same account. */
  private static final Set<String> OWN_BUSINESS_KEY = Set.of("${execution.processBusinessKey}",
      "#{execution.processBusinessKey}");
  /** Start events that start a playbook by themselves, with no account given to it. */
  private static final Map<String, String> ACCOUNTLESS_STARTS = Map.of("timerEventDefinition", "on a timer",
      "signalEventDefinition", "on a signal", "conditionalEventDefinition", "on a condition");

  /** A delegate expression that names one bean: {@code ${introduceCsmToCustomer}}. */
  private static final Pattern STEP_NAME = Pattern.compile("^[$#]\\{\\s*(\\w+)\\s*}$");

  private final PlaybookBeans steps;
  private final PlaybookExpressions expressions;
  private final Predicate<String> groupExists;
  private final Collection<String> sentMessages;

  /**
   * @param steps what the application offers to playbooks
   * @param serverBean whether a name is one of the server's other beans (so the message can say so)
   */
  public PlaybookValidator(PlaybookBeans steps, Predicate<String> serverBean, Predicate<String> groupExists,
      Collection<String> sentMessages) {
    this.steps = steps;
    this.expressions = new PlaybookExpressions(steps, serverBean);
    this.groupExists = groupExists;
    this.sentMessages = List.copyOf(sentMessages);
  }

  /** Checks a whole deployment (resource name to content): each .bpmn against the deployment's own forms. */
  public List<PlaybookProblem> validate(Map<String, byte[]> resources) {
    Map<String, byte[]> sorted = new TreeMap<>(resources);
    Map<String, PlaybookForms.Form> forms = new HashMap<>();
    List<PlaybookProblem> problems = new ArrayList<>();
    sorted.forEach((name, content) -> {
      if (PLAYBOOK_FILES.stream().noneMatch(suffix -> name.toLowerCase(Locale.ROOT).endsWith(suffix))) {
        problems.add(new PlaybookProblem(name, null, name + " is not a playbook file: a deployment holds playbooks"
            + " (.bpmn), decision tables (.dmn) and forms (.form), nothing else"));
      } else if (name.endsWith(".form")) {
        PlaybookForms.Form form = PlaybookForms.read(name, content);
        form.problems().forEach(message -> problems.add(new PlaybookProblem(name, null, message)));
        if (form.id() != null) {
          forms.put(form.id(), form);
        }
      } else if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
        problems.addAll(validateDecisions(name, content));
      }
    });
    sorted.forEach((name, content) -> {
      if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
        BpmnModelInstance model;
        try {
          model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
        } catch (RuntimeException notBpmn) {
          // What cannot be checked is not deployed.
          problems.add(new PlaybookProblem(name, null, name + " is not a BPMN 2.0 file the engine can check: "
              + firstLine(notBpmn.getMessage())));
          return;
        }
        problems.addAll(validate(name, model, forms));
      }
    });
    return problems;
  }

  /** One playbook, against the forms deployed with it (by form id). */
  public List<PlaybookProblem> validate(String resource, BpmnModelInstance model, Map<String, PlaybookForms.Form> forms) {
    List<PlaybookProblem> problems = new ArrayList<>();
    Check check = (element, message) -> problems.add(new PlaybookProblem(resource,
        element == null ? null : element.getId(), (element == null ? resource : describe(element)) + " " + message));

    Document document = (Document) ((DOMSource) model.getDocument().getDomSource()).getNode();
    if (tooDeep(document.getDocumentElement())) {
      // The checks below walk the file element by element; what they cannot walk is not deployed.
      return List.of(new PlaybookProblem(resource, null, tooDeepMessage(resource)));
    }
    checkSafety(check, model, document.getDocumentElement(), null);
    for (Node child = document.getDocumentElement().getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element process && BPMN.equals(process.getNamespaceURI())
          && process.getLocalName().equals("process")) {
        checkAccountStart(check, model, process);
      }
    }

    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      checkForm(check, task, task.getCamundaFormRef(), task.getCamundaFormRefBinding(), forms, false);
      for (String group : groups(task.getCamundaCandidateGroups())) {
        if (!groupExists.test(group)) {
          check.add(task, "goes to the group '" + group + "', which does not exist: use a team such as cs,"
              + " cs-managers, sales, engineering or product, or create the group in Camunda Admin first");
        }
      }
      if (task.getCamundaDueDate() == null || task.getCamundaDueDate().isBlank()) {
        check.add(task, "has no due date: set one so the work is not forgotten");
      }
    }
    for (Activity activity : model.getModelElementsByType(Activity.class)) {
      String step = stepNamed(activity);
      if (step != null && steps.sendsMail(step)) {
        checkMailRunsBeside(check, activity);
      }
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      checkForm(check, start, start.getCamundaFormRef(), start.getCamundaFormRefBinding(), forms, true);
    }

    for (MessageEventDefinition definition : model.getModelElementsByType(MessageEventDefinition.class)) {
      if (definition.getParentElement() instanceof CatchEvent event) {
        checkMessage(check, event, definition.getMessage());
      }
      if (definition.getParentElement() instanceof StartEvent start && !handsOver(start)) {
        check.add(start, "starts on a message without an async boundary after it: mark it \"Asynchronous after\""
            + " (camunda:asyncAfter), so the sender (a person's click, the CRM's webhook) does not run this"
            + " playbook's first steps");
      }
    }
    for (ReceiveTask task : model.getModelElementsByType(ReceiveTask.class)) {
      checkMessage(check, task, task.getMessage());
    }
    return problems;
  }

  private interface Check {
    void add(BaseElement element, String message);
  }

  /**
   * Walks every element and attribute of the file: whatever the engine evaluates or loads is
   * checked, so a new place to hold an expression needs no new rule here.
   */
  private void checkSafety(Check check, BpmnModelInstance model, Element element, BaseElement owner) {
    String namespace = element.getNamespaceURI();
    String name = element.getLocalName();
    BaseElement here = ownerOf(model, element, owner);
    if (ACTIVITI.equals(namespace)) {
      check.add(here, "uses Activiti's extension <" + name + ">: playbooks use Camunda's");
      return;
    }
    if (!BPMN.equals(namespace) && !CAMUNDA.equals(namespace)) {
      // Diagram layout and other tools' extensions: the engine does not read them.
      return;
    }
    if (BPMN.equals(namespace) && (name.equals("documentation") || name.equals("text"))
        || CAMUNDA.equals(namespace) && name.equals("properties")) {
      return;
    }
    Optional<String> refused = refusedElement(namespace, name, element);
    if (refused.isPresent()) {
      check.add(here, refused.get());
      return;
    }
    checkWrites(check, here, element);
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      checkAttribute(check, here, element, (Attr) attributes.item(i));
    }
    String text = ownText(element);
    if (PlaybookExpressions.isExpression(text)) {
      expressions.checkValue(text).ifPresent(reason ->
          check.add(here, "has the expression " + text + " in " + name + ": it " + reason));
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        checkSafety(check, model, childElement, here);
      }
    }
  }

  private static Optional<String> refusedElement(String namespace, String name, Element element) {
    if (BPMN.equals(namespace)) {
      if (name.equals("scriptTask") || name.equals("script")) {
        return Optional.of("is a script: playbooks run the application's steps, not scripts");
      }
      String language = element.getAttribute("language");
      if (!language.isBlank()) {
        return Optional.of("has a " + name + " written in '" + language + "': conditions are expressions, not scripts");
      }
      return Optional.empty();
    }
    return switch (name) {
      case "script" -> Optional.of("runs a script: playbooks run the application's steps, not scripts");
      case "connector" -> Optional.of("uses a connector: outside calls are steps of the application");
      case "field" -> Optional.of("injects the field '" + element.getAttribute("name")
          + "' into a step: steps take what they need from the process variables");
      case "formData", "formField", "formProperty" -> Optional.of("has a generated form: show a Camunda Form"
          + " (camunda:formRef) instead");
      default -> Optional.empty();
    };
  }

  private void checkAttribute(Check check, BaseElement owner, Element element, Attr attribute) {
    // Unqualified attributes belong to their element: <camunda:taskListener class="..."> is Camunda's.
    String namespace = attribute.getNamespaceURI() != null ? attribute.getNamespaceURI() : element.getNamespaceURI();
    String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
    String value = attribute.getValue();
    if (ACTIVITI.equals(namespace)) {
      check.add(owner, "uses Activiti's extension attribute " + name + ": playbooks use Camunda's");
      return;
    }
    if (CAMUNDA.equals(namespace)) {
      if (CLASS_ATTRIBUTES.contains(name)) {
        check.add(owner, "loads the Java class '" + value + "': a playbook calls the application's steps by"
            + " name (camunda:delegateExpression=\"${step}\"), never a class");
        return;
      }
      if (STEP_ATTRIBUTES.contains(name)) {
        expressions.checkStep(value).ifPresent(reason -> check.add(owner, stepVerb(element) + " " + value
            + ", but " + reason));
        return;
      }
      if (CASE_ATTRIBUTES.contains(name)) {
        check.add(owner, "calls a case (CMMN): playbooks call other playbooks");
        return;
      }
      switch (name) {
        case "formKey" -> {
          check.add(owner, "shows the form '" + value + "' by form key: embedded and external forms run code in"
              + " the browser of whoever opens the task; show a Camunda Form with camunda:formRef");
          return;
        }
        case "resource", "scriptFormat" -> {
          check.add(owner, "runs a script: playbooks run the application's steps, not scripts");
          return;
        }
        case "type" -> {
          check.add(owner, "is a camunda:type=\"" + value + "\" task: playbooks run the application's steps"
              + " (camunda:delegateExpression=\"${step}\")");
          return;
        }
        default -> { }
      }
    } else if (BPMN.equals(namespace)) {
      // The BPMN expressionLanguage and typeLanguage attributes are defaults the engine ignores.
      if (name.equals("scriptFormat")) {
        check.add(owner, "sets the " + name + " '" + value + "': playbooks use the engine's expressions only");
        return;
      }
      if (name.equals("name") && (element.getLocalName().equals("message") || element.getLocalName().equals("signal"))
          && PlaybookExpressions.isExpression(value)) {
        check.add(owner, "has a " + element.getLocalName() + " name computed by " + value
            + ": write the name out, as the application sends it");
        return;
      }
    } else {
      return;
    }
    if (PlaybookExpressions.isExpression(value)) {
      expressions.checkValue(value).ifPresent(reason ->
          check.add(owner, "has the expression " + value + " in " + attribute.getName() + ": it " + reason));
    }
  }

  /**
   * The ids a playbook works on ({@link PlaybookVariables#PROTECTED}) come from the application: no
   * mapping, result, loop, initiator or caught error in the file may write one, so a playbook cannot
   * point its steps at another account. A call activity passes its own on as they are.
   */
  private static void checkWrites(Check check, BaseElement owner, Element element) {
    if (CAMUNDA.equals(element.getNamespaceURI())) {
      String target = element.getAttribute("target");
      switch (element.getLocalName()) {
        case "inputParameter", "outputParameter" -> {
          String variable = element.getAttribute("name");
          if (PlaybookVariables.PROTECTED.contains(variable)) {
            check.add(owner, "sets " + variable + " in its " + (element.getLocalName().startsWith("input") ? "input"
                : "output") + " mapping: " + fromTheApplication(variable));
          }
        }
        case "in" -> {
          String key = element.getAttribute("businessKey");
          if (element.hasAttribute("businessKey") && !OWN_BUSINESS_KEY.contains(key.trim())) {
            check.add(owner, "gives the playbook it calls the business key " + key + ": a called playbook runs for"
                + " the caller's account, with the business key #{execution.processBusinessKey}");
          }
          if (PlaybookVariables.PROTECTED.contains(target) && (element.hasAttribute("sourceExpression")
              || !target.equals(element.getAttribute("source")))) {
            String source = element.hasAttribute("sourceExpression") ? element.getAttribute("sourceExpression")
                : element.getAttribute("source");
            check.add(owner, "passes " + source + " to the playbook it calls as its " + target + ": a called playbook"
                + " gets the caller's own " + target + " (camunda:in source=\"" + target + "\" target=\"" + target
                + "\"), nothing else");
          }
        }
        case "out" -> {
          if (PlaybookVariables.PROTECTED.contains(target)) {
            check.add(owner, "takes " + target + " from the playbook it calls: " + fromTheApplication(target));
          }
        }
        default -> { }
      }
    }
    for (String attribute : VARIABLE_ATTRIBUTES) {
      String variable = element.getAttributeNS(CAMUNDA, attribute).trim();
      if (PlaybookVariables.PROTECTED.contains(variable) && !(attribute.equals("elementVariable")
          && isProtectedList(element.getAttributeNS(CAMUNDA, "collection")))) {
        check.add(owner, "stores a value in " + variable + " (camunda:" + attribute + "): "
            + fromTheApplication(variable));
      }
    }
  }

  /** {@code ${bugIds}}: a list of ids the application set, whose items a loop may take one by one. */
  private static boolean isProtectedList(String collection) {
    String text = collection.trim();
    return (text.startsWith("${") || text.startsWith("#{")) && text.endsWith("}")
        && PlaybookVariables.PROTECTED.contains(text.substring(2, text.length() - 1).trim());
  }

  private static String fromTheApplication(String variable) {
    return "the playbook's " + variable + " comes from the application (the event that started it for an account,"
        + " or the playbook that called it), and nothing in a playbook may change it";
  }

  /**
   * A playbook whose steps act on an account runs only for the account the application gives it: by
   * a message the application sends for the account, from a playbook that passes its own account on
   * (a call activity), or started by hand, where the application sets the account (the handoff's
   * start form creates it). A timer, signal or conditional start would run those steps for no account
   * of its own, with whatever the file puts in their place.
   */
  private void checkAccountStart(Check check, BpmnModelInstance model, Element process) {
    Optional<String> step = accountStep(process);
    if (step.isEmpty()) {
      return;
    }
    for (Node child = process.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (!(child instanceof Element start) || !BPMN.equals(start.getNamespaceURI())
          || !start.getLocalName().equals("startEvent")) {
        continue;
      }
      for (Node definition = start.getFirstChild(); definition != null; definition = definition.getNextSibling()) {
        String how = definition instanceof Element event && BPMN.equals(event.getNamespaceURI())
            ? ACCOUNTLESS_STARTS.get(event.getLocalName()) : null;
        if (how != null && model.getModelElementById(start.getAttribute("id")) instanceof BaseElement element) {
          check.add(element, "starts the playbook " + how + ", but its step " + step.get() + " acts on an account,"
              + " and a playbook started " + how + " has no account of its own: start it with a message the"
              + " application sends for an account (such as AccountAtRisk), by hand, or from another playbook that"
              + " passes its accountId (camunda:in source=\"accountId\" target=\"accountId\")");
        }
      }
    }
  }

  /** The first step in the process that acts on an account, or a call activity that passes the account on. */
  private Optional<String> accountStep(Element process) {
    NodeList all = process.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element element = (Element) all.item(i);
      String delegate = (CAMUNDA.equals(element.getNamespaceURI()) ? element.getAttribute("delegateExpression")
          : element.getAttributeNS(CAMUNDA, "delegateExpression")).trim();
      // ${step}, as checkStep made sure.
      String step = delegate.length() > 3 ? delegate.substring(2, delegate.length() - 1).trim() : "";
      if (steps.isStep(step) && steps.actsOnAccount(step)) {
        return Optional.of("${" + step + "}");
      }
      if (CAMUNDA.equals(element.getNamespaceURI()) && element.getLocalName().equals("in")
          && AccountId.VARIABLE.equals(element.getAttribute("target"))) {
        return Optional.of("'" + ((Element) element.getParentNode().getParentNode()).getAttribute("id")
            + "' (a call activity passing its accountId)");
      }
    }
    return Optional.empty();
  }

  /** "calls" for a task, "runs complete listener" for a listener. */
  private static String stepVerb(Element element) {
    String name = element.getLocalName();
    if (name.equals("taskListener") || name.equals("executionListener")) {
      return "runs " + element.getAttribute("event") + " listener";
    }
    return "calls";
  }

  /** Decision tables are FEEL: JUEL could reach the server, scripts could run anything. */
  List<PlaybookProblem> validateDecisions(String resource, byte[] content) {
    List<PlaybookProblem> problems = new ArrayList<>();
    Document document;
    try {
      document = parse(content);
    } catch (Exception notXml) {
      problems.add(new PlaybookProblem(resource, null, resource + " is not a DMN file the engine can check: "
          + firstLine(notXml.getMessage())));
      return problems;
    }
    if (tooDeep(document.getDocumentElement())) {
      problems.add(new PlaybookProblem(resource, null, tooDeepMessage(resource)));
      return problems;
    }
    checkDecisionElement(resource, document.getDocumentElement(), null, problems);
    return problems;
  }

  private void checkDecisionElement(String resource, Element element, Element decision, List<PlaybookProblem> problems) {
    Element owner = element.getLocalName().equals("decision") ? element : decision;
    String language = element.getAttribute("expressionLanguage");
    if (!language.isBlank() && !FEEL.contains(language.trim().toLowerCase(Locale.ROOT))) {
      String id = element.getAttribute("id");
      String where = owner == null ? resource : "Decision " + label(owner);
      problems.add(new PlaybookProblem(resource, owner == null ? null : owner.getAttribute("id"),
          where + (owner == element ? "" : " (" + element.getLocalName() + (id.isBlank() ? "" : " " + id) + ")")
              + " is written in '" + language + "': decision tables are FEEL, which the engine evaluates without"
              + " reaching the server"));
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      if (DMN_CAMUNDA.equals(attribute.getNamespaceURI()) && PlaybookExpressions.isExpression(attribute.getValue())) {
        problems.add(new PlaybookProblem(resource, owner == null ? null : owner.getAttribute("id"),
            (owner == null ? resource : "Decision " + label(owner)) + " has the expression " + attribute.getValue()
                + " in " + attribute.getName() + ": decision tables take variables by name"));
      }
    }
    if (element.getLocalName().equals("text") && !DMN_CAMUNDA.equals(element.getNamespaceURI())) {
      String text = element.getTextContent().trim();
      PlaybookExpressions.checkFeel(text).ifPresent(reason -> problems.add(new PlaybookProblem(resource,
          owner == null ? null : owner.getAttribute("id"), (owner == null ? resource : "Decision " + label(owner))
              + " has the expression " + text + " in " + element.getParentNode().getLocalName() + ": it " + reason)));
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        checkDecisionElement(resource, childElement, owner, problems);
      }
    }
  }

  /**
   * A file a person wrote, read as XML with nothing of it resolved: no DOCTYPE (so no external
   * entities), no XInclude.
   */
  public static Document parse(byte[] content) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(content));
  }

  /** Deeper than any diagram a person draws (sub-processes in sub-processes a few levels down). */
  public static final int MAX_DEPTH = 100;

  /** Whether elements nest deeper than {@link #MAX_DEPTH}; measured without recursion. */
  public static boolean tooDeep(Element root) {
    Node node = root;
    int depth = 0;
    while (node != null) {
      if (node.getFirstChild() != null) {
        node = node.getFirstChild();
        if (++depth > MAX_DEPTH) {
          return true;
        }
        continue;
      }
      while (node != null && node != root && node.getNextSibling() == null) {
        node = node.getParentNode();
        depth--;
      }
      node = node == null || node == root ? null : node.getNextSibling();
    }
    return false;
  }

  private static String tooDeepMessage(String resource) {
    return resource + " nests its elements more than " + MAX_DEPTH + " levels deep: no playbook a person draws does;"
        + " open it in Camunda Modeler and save it again";
  }

  private static String label(Element decision) {
    String name = decision.getAttribute("name");
    return (name.isBlank() ? "" : "'" + name + "' ") + "(" + decision.getAttribute("id") + ")";
  }

  private static void checkForm(Check check, BaseElement element, String formRef, String binding,
      Map<String, PlaybookForms.Form> forms, boolean startForm) {
    // With binding "deployment" the engine looks the form up in the same deployment; other bindings
    // name a form deployed earlier.
    if (formRef == null || !"deployment".equals(binding) || PlaybookExpressions.isExpression(formRef)) {
      return;
    }
    PlaybookForms.Form form = forms.get(formRef);
    if (form == null) {
      check.add(element, "shows the form '" + formRef + "', which is not in this deployment: deploy "
          + formRef + ".form together with the playbook");
      return;
    }
    if (!startForm) {
      for (String id : PlaybookVariables.START_INPUTS) {
        if (form.settable().contains(id)) {
          check.add(element, "shows the form '" + formRef + "' with a field '" + id + "': the playbook's " + id
              + " comes from the application, a person completing the task may not change it");
        }
      }
    }
  }

  /** The step a task calls by {@code camunda:delegateExpression="${name}"}, or null. */
  private static String stepNamed(Activity activity) {
    for (String namespace : List.of(CAMUNDA, ACTIVITI)) {
      String expression = activity.getAttributeValueNs(namespace, "delegateExpression");
      if (expression != null) {
        Matcher bean = STEP_NAME.matcher(expression);
        if (bean.matches()) {
          return bean.group(1);
        }
      }
    }
    return null;
  }

  /**
   * A mail runs beside the playbook: what follows it is only more mail and an end event of its own, so
   * no step and no join waits for it while SMTP is down; and no terminate end beside it cancels it
   * while it is still being retried.
   */
  private void checkMailRunsBeside(Check check, Activity mail) {
    Deque<FlowNode> next = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    mail.getOutgoing().forEach(flow -> next.add(flow.getTarget()));
    while (!next.isEmpty()) {
      FlowNode node = next.poll();
      if (!seen.add(node.getId())) {
        continue;
      }
      if (node instanceof EndEvent end && !terminates(end)) {
        continue;
      }
      if (node instanceof Activity activity && steps.sendsMail(stepNamed(activity))) {
        node.getOutgoing().forEach(flow -> next.add(flow.getTarget()));
        continue;
      }
      String after = describe(node);
      check.add(mail, "sends a mail, and " + Character.toLowerCase(after.charAt(0)) + after.substring(1) + " comes after it, so the playbook waits for the mail"
          + " (for hours while the mail server is down): put the mail on a branch of its own that ends after it"
          + " (a parallel gateway before it, an end event after it, no join)");
      return;
    }
    // Process and SubProcess have no common type for their elements: the DOM's children will do.
    ModelElementInstance scope = mail.getParentElement();
    if (scope instanceof Process || scope instanceof org.camunda.bpm.model.bpmn.instance.SubProcess) {
      for (EndEvent end : scope.getChildElementsByType(EndEvent.class)) {
        if (terminates(end)) {
          check.add(mail, "sends a mail beside " + describe(end) + ", which would cancel the mail while it is still"
              + " being retried: end that path with a plain end event, or put what it closes in a subprocess of its"
              + " own and terminate only that");
        }
      }
    }
  }

  private static boolean terminates(EndEvent end) {
    return end.getEventDefinitions().stream().anyMatch(TerminateEventDefinition.class::isInstance);
  }

  /** The start event commits the sender's transaction before the playbook's first step runs. */
  private static boolean handsOver(StartEvent start) {
    if (start.isCamundaAsyncAfter()) {
      return true;
    }
    return !start.getOutgoing().isEmpty() && start.getOutgoing().stream()
        .allMatch(flow -> flow.getTarget().isCamundaAsyncBefore());
  }

  private void checkMessage(Check check, BaseElement element, Message message) {
    if (message == null || message.getName() == null || PlaybookExpressions.isExpression(message.getName())) {
      return;
    }
    if (!sentMessages.contains(message.getName())) {
      check.add(element, "waits for the message '" + message.getName() + "', which nothing in the application"
          + " sends, so it would wait forever: use one of " + String.join(", ", sentMessages));
    }
  }

  private static List<String> groups(String candidateGroups) {
    if (candidateGroups == null) {
      return List.of();
    }
    return Arrays.stream(candidateGroups.split(","))
        .map(String::trim)
        .filter(group -> !group.isEmpty() && !PlaybookExpressions.isExpression(group))
        .toList();
  }

  /** The flow element, process or definition (message, signal, ...) a DOM element belongs to. */
  private static BaseElement ownerOf(BpmnModelInstance model, Element element, BaseElement owner) {
    String id = element.getAttribute("id");
    if (id.isBlank()) {
      return owner;
    }
    ModelElementInstance instance = model.getModelElementById(id);
    if (instance instanceof FlowElement || instance instanceof Process || instance instanceof Message
        || instance instanceof Signal || instance instanceof Error || instance instanceof Escalation) {
      return (BaseElement) instance;
    }
    return owner;
  }

  private static String ownText(Element element) {
    StringBuilder text = new StringBuilder();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(child.getNodeValue());
      }
    }
    return text.toString().trim();
  }

  /** "userTask" (or "UserTask") as "User task". */
  public static String words(String type) {
    StringBuilder words = new StringBuilder();
    for (char c : type.toCharArray()) {
      if (Character.isUpperCase(c) && !words.isEmpty()) {
        words.append(' ').append(Character.toLowerCase(c));
      } else {
        words.append(c);
      }
    }
    if (!words.isEmpty()) {
      words.setCharAt(0, Character.toUpperCase(words.charAt(0)));
    }
    return words.toString();
  }

  /** "User task 'Hold kickoff' (holdKickoff)". */
  public static String describe(BaseElement element) {
    String words = words(element.getElementType().getTypeName());
    String name = element instanceof FlowElement flow ? flow.getName()
        : element instanceof Process process ? process.getName()
        : element instanceof Message message ? message.getName()
        : element instanceof Signal signal ? signal.getName() : null;
    return words + (name == null || name.isBlank() ? "" : " '" + name.trim() + "'") + " (" + element.getId() + ")";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "it cannot be read";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
