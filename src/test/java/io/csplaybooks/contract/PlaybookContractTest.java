package io.csplaybooks.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.activity.OneOffTaskVariables;
import io.csplaybooks.advocacy.AdvocacyVariables;
import io.csplaybooks.feedback.FeedbackVariables;
import io.csplaybooks.handoff.BriefForm;
import io.csplaybooks.handoff.HandoffVariables;
import io.csplaybooks.intervention.CorrectiveActions;
import io.csplaybooks.intervention.InterventionVariables;
import io.csplaybooks.onboarding.OnboardingVariables;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.trigger.QuietChurnVariables;
import io.csplaybooks.playbook.PlaybookFunctions;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.qbr.QbrOutcomeForm;
import io.csplaybooks.qbr.QbrVariables;
import io.csplaybooks.renewal.RenewalVariables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * One typed contract per playbook: its {@code XxxVariables} class (with the form classes that declare
 * a form's fields) against what its BPMN, its decision tables and its forms say. Plain Java, no engine:
 * <ul>
 * <li>every variable a BPMN expression reads (conditions, timers, due dates, assignees, input and output
 * mappings, call-activity mappings, multi-instance collections), every variable the BPMN writes
 * (result and element variables, input parameters), every input and output of a decision table a
 * playbook calls and every form field is declared in the playbook's contract or the shared
 * {@link PlaybookVariables};</li>
 * <li>every name in a contract is used by the BPMN, a form or the application's Java;</li>
 * <li>every value compared with a variable (a condition's {@code renewalRisk == "high"}, an input
 * parameter's value, a decision table's entries and allowed values) is in the variable's value set, and
 * a form's choices are exactly the value set the Java accepts;</li>
 * <li>the messages a BPMN waits for are the events {@link PlaybookEvent} says it hears, and the
 * element ids the Java names exist.</li>
 * </ul>
 */
class PlaybookContractTest {

  /** Each shipped playbook and its contract: the variables class first, then classes declaring form fields. */
  static final Map<String, List<Class<?>>> CONTRACTS = new LinkedHashMap<>();

  static {
    CONTRACTS.put("sales-handoff", List.of(HandoffVariables.class, BriefForm.class));
    CONTRACTS.put("expansion-handoff", List.of(HandoffVariables.class, OnboardingVariables.class, BriefForm.class,
        successPlanForm()));
    CONTRACTS.put("onboarding", List.of(OnboardingVariables.class, successPlanForm()));
    CONTRACTS.put("qbr-cycle", List.of(QbrVariables.class, FeedbackVariables.class, QbrOutcomeForm.class));
    CONTRACTS.put("renewal", List.of(RenewalVariables.class));
    CONTRACTS.put("churn-intervention", List.of(InterventionVariables.class, CorrectiveActions.class));
    CONTRACTS.put("advocacy", List.of(AdvocacyVariables.class));
    CONTRACTS.put("one-off-task", List.of(OneOffTaskVariables.class));
    CONTRACTS.put("quiet-churn", List.of(QuietChurnVariables.class));
  }

  static final Set<String> BUILT_INS = Set.of("execution", "task", "loopCounter", "nrOfInstances",
      "nrOfActiveInstances", "nrOfCompletedInstances", "true", "false", "null", "empty", "not", "and", "or", "eq",
      "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof");
  static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);
  static final Pattern STRING = Pattern.compile("\"[^\"]*\"|'[^']*'");
  static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w])([A-Za-z_]\\w*+)(?!\\s*\\()");
  static final Pattern ROOT_CALL = Pattern.compile("(?<![.\\w])([A-Za-z_]\\w*)\\s*\\.");
  static final Pattern COMPARISON = Pattern.compile(
      "([A-Za-z_]\\w*)\\s*(?:==|!=|\\beq\\b|\\bne\\b)\\s*[\"']([^\"']*)[\"']|[\"']([^\"']*)[\"']\\s*(?:==|!=|\\beq\\b|\\bne\\b)\\s*([A-Za-z_]\\w*)");
  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";

  @Test
  void everyShippedPlaybookHasAContract() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      Set<String> processes = files.filter(f -> f.toString().endsWith(".bpmn"))
          .flatMap(f -> elements(parse(f).getDocumentElement(), BPMN, "process").stream())
          .map(p -> p.getAttribute("id")).collect(Collectors.toCollection(TreeSet::new));
      assertThat(processes).isEqualTo(new TreeSet<>(CONTRACTS.keySet()));
    }
  }

  @Test
  void theBpmnDecisionsAndFormsAgreeWithTheContracts() {
    List<String> problems = new ArrayList<>();
    CONTRACTS.forEach((process, classes) -> problems.addAll(check(process, classes)));
    assertThat(problems).as("what the BPMN, decision tables and forms disagree with the Java on").isEmpty();
  }

  @Test
  void everyNameInAContractIsUsed() throws IOException {
    Map<Class<?>, Set<String>> usedBy = new LinkedHashMap<>();
    CONTRACTS.forEach((process, classes) -> usedBy.computeIfAbsent(classes.get(0), c -> new TreeSet<>())
        .addAll(Playbook.read(process).used()));
    String java = mainJava();
    List<String> unused = new ArrayList<>();
    usedBy.forEach((contract, used) -> {
      for (Field field : contract.getDeclaredFields()) {
        for (String name : namesOf(contract, field)) {
          boolean inJava = field.getType() == String.class
              && Pattern.compile("\\b" + contract.getSimpleName() + "\\." + field.getName() + "\\b").matcher(java).find();
          if (!used.contains(name) && !inJava) {
            unused.add(contract.getSimpleName() + "." + field.getName() + " (\"" + name + "\")");
          }
        }
      }
    });
    assertThat(unused).as("contract names neither the BPMN, a form nor the Java uses").isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  static List<String> check(String process, List<Class<?>> classes) {
    List<String> problems = new ArrayList<>();
    Playbook playbook = Playbook.read(process);
    Set<String> declared = new TreeSet<>(shared());
    Map<String, Set<String>> values = new LinkedHashMap<>();
    for (Class<?> c : classes) {
      declared.addAll(names(c));
      valueSets(c).forEach((k, v) -> values.merge(k, v, (a, b) -> a));
    }
    Set<String> beans = beans();
    String where = process + ": ";
    playbook.reads.forEach((name, at) -> {
      if (!declared.contains(name) && !beans.contains(name) && !BUILT_INS.contains(name)) {
        problems.add(where + at + " reads '" + name + "', which no contract declares");
      }
    });
    playbook.writes.forEach((name, at) -> {
      if (!declared.contains(name)) {
        problems.add(where + at + " writes '" + name + "', which no contract declares");
      }
    });
    playbook.calledWith.forEach((called, targets) -> {
      Set<String> theirs = new TreeSet<>(shared());
      CONTRACTS.getOrDefault(called, List.of()).forEach(c -> theirs.addAll(names(c)));
      targets.stream().filter(t -> !theirs.contains(t)).forEach(t -> problems.add(
          where + "the call of " + called + " passes '" + t + "', which " + called + "'s contract does not declare"));
    });
    playbook.fields.forEach((name, at) -> {
      if (!declared.contains(name)) {
        problems.add(where + "form " + at + " has the field '" + name + "', which no contract declares");
      }
    });
    playbook.compared.forEach((name, literals) -> literals.forEach((literal, at) -> {
      Set<String> allowed = values.get(name);
      if (allowed == null) {
        problems.add(where + at + " compares '" + name + "' with \"" + literal + "\" but the contract has no"
            + " value set for '" + name + "'");
      } else if (!allowed.contains(literal)) {
        problems.add(where + at + " compares '" + name + "' with \"" + literal + "\", which is not one of "
            + allowed);
      }
    }));
    playbook.choices.forEach((name, offered) -> offered.forEach((at, choices) -> {
      Set<String> allowed = values.get(name);
      if (allowed == null) {
        problems.add(where + at + " offers " + choices + " for '" + name + "' but the contract has no value set"
            + " for '" + name + "'");
      } else if (!allowed.equals(choices)) {
        problems.add(where + at + " offers " + choices + " for '" + name + "', the Java accepts " + allowed);
      }
    }));
    Set<String> heard = Arrays.stream(PlaybookEvent.values()).filter(e -> e.heardBy().contains(process))
        .map(PlaybookEvent::message).collect(Collectors.toCollection(TreeSet::new));
    // A trigger's event (declared as data, not in PlaybookEvent) is heard where the contract says so.
    for (Class<?> c : classes) {
      heard.addAll(declaredEvents(c));
    }
    if (!heard.equals(playbook.messages)) {
      problems.add(where + "the BPMN waits for " + playbook.messages + ", PlaybookEvent says it hears " + heard);
    }
    for (Class<?> c : classes) {
      List<String> hears = events(c);
      if (hears != null && !heard.containsAll(hears)) {
        problems.add(where + c.getSimpleName() + ".HEARS " + hears + " is not what PlaybookEvent says it hears: "
            + heard);
      }
    }
    for (Class<?> c : classes) {
      for (Class<?> nested : c.getDeclaredClasses()) {
        if (nested.getSimpleName().equals("Elements")) {
          for (String id : strings(nested)) {
            if (!playbook.elementIds.contains(id)) {
              problems.add(where + c.getSimpleName() + ".Elements names '" + id + "', no element of the BPMN");
            }
          }
        }
      }
    }
    return problems;
  }

  /** What a playbook's BPMN, the decision tables it calls and the forms of its tasks name. */
  static final class Playbook {
    final Map<String, String> reads = new LinkedHashMap<>();
    final Map<String, String> writes = new LinkedHashMap<>();
    final Map<String, String> fields = new LinkedHashMap<>();
    final Map<String, Set<String>> calledWith = new LinkedHashMap<>();
    final Map<String, Map<String, String>> compared = new LinkedHashMap<>();
    final Map<String, Map<String, Set<String>>> choices = new LinkedHashMap<>();
    final Set<String> messages = new TreeSet<>();
    final Set<String> elementIds = new TreeSet<>();

    Set<String> used() {
      Set<String> used = new TreeSet<>(reads.keySet());
      used.addAll(writes.keySet());
      used.addAll(fields.keySet());
      return used;
    }

    static Playbook read(String process) {
      Playbook p = new Playbook();
      Element root = processElement(process);
      Map<String, String> messageNames = new LinkedHashMap<>();
      for (Element m : elements(root.getOwnerDocument().getDocumentElement(), BPMN, "message")) {
        messageNames.put(m.getAttribute("id"), m.getAttribute("name"));
      }
      for (Element e : descendants(root)) {
        String at = describe(e);
        if (!e.getAttribute("id").isEmpty()) {
          p.elementIds.add(e.getAttribute("id"));
        }
        String messageRef = e.getAttribute("messageRef");
        // The messages it waits for: a start, catch or boundary event's, not one it throws.
        if (!messageRef.isEmpty() && !((Element) e.getParentNode()).getLocalName().contains("Throw")
            && !((Element) e.getParentNode()).getLocalName().equals("endEvent")) {
          p.messages.add(messageNames.getOrDefault(messageRef, messageRef));
        }
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
          Node a = e.getAttributes().item(i);
          p.expression(a.getNodeValue(), at + " " + a.getLocalName());
        }
        String local = e.getLocalName();
        if (BPMN.equals(e.getNamespaceURI()) && Set.of("conditionExpression", "timeDate", "timeDuration", "timeCycle",
            "loopCardinality", "completionCondition").contains(local)) {
          p.expression(e.getTextContent(), at);
        }
        if (CAMUNDA.equals(e.getNamespaceURI())) {
          switch (local) {
            case "inputParameter", "outputParameter" -> {
              p.writes.put(e.getAttribute("name"), at);
              String text = e.getTextContent().trim();
              if (e.getElementsByTagNameNS("*", "*").getLength() == 0 && !text.isEmpty() && !text.contains("{")) {
                p.compared.computeIfAbsent(e.getAttribute("name"), k -> new LinkedHashMap<>()).put(text, at);
              }
              p.expression(e.getTextContent(), at);
            }
            case "in", "out" -> {
              Element call = (Element) e.getParentNode().getParentNode();
              String source = e.getAttribute("source");
              if (!source.isEmpty()) {
                p.reads.put(source, at);
              }
              p.expression(e.getAttribute("sourceExpression"), at);
              if (!e.getAttribute("target").isEmpty()) {
                if (local.equals("in")) {
                  p.calledWith.computeIfAbsent(call.getAttribute("calledElement"), k -> new TreeSet<>())
                      .add(e.getAttribute("target"));
                } else {
                  p.writes.put(e.getAttribute("target"), at);
                }
              }
            }
            default -> { }
          }
        }
        for (String attribute : List.of("elementVariable", "resultVariable")) {
          if (!e.getAttributeNS(CAMUNDA, attribute).isEmpty()) {
            p.writes.put(e.getAttributeNS(CAMUNDA, attribute), at + " " + attribute);
          }
        }
        if (!e.getAttributeNS(CAMUNDA, "formRef").isEmpty()) {
          p.form(e.getAttributeNS(CAMUNDA, "formRef"));
        }
        if (!e.getAttributeNS(CAMUNDA, "decisionRef").isEmpty()) {
          p.decision(e.getAttributeNS(CAMUNDA, "decisionRef"), e.getAttributeNS(CAMUNDA, "resultVariable"),
              e.getAttributeNS(CAMUNDA, "mapDecisionResult"));
        }
      }
      return p;
    }

    void expression(String text, String at) {
      if (text == null) {
        return;
      }
      Matcher m = EXPRESSION.matcher(text);
      while (m.find()) {
        String body = m.group(1);
        Matcher c = COMPARISON.matcher(body);
        while (c.find()) {
          String name = c.group(1) != null ? c.group(1) : c.group(4);
          String literal = c.group(1) != null ? c.group(2) : c.group(3);
          compared.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(literal, at);
        }
        String code = STRING.matcher(body).replaceAll("\"\"");
        Matcher roots = ROOT_CALL.matcher(code);
        Set<String> beansCalled = new LinkedHashSet<>();
        while (roots.find()) {
          beansCalled.add(roots.group(1));
        }
        Matcher ids = IDENTIFIER.matcher(code);
        while (ids.find()) {
          String id = ids.group(1);
          reads.putIfAbsent(id, at);
        }
        beansCalled.forEach(b -> reads.putIfAbsent(b, at));
      }
    }

    void form(String ref) {
      Path file = Path.of("forms", ref + ".form");
      try {
        JsonNode form = new ObjectMapper().readTree(Files.readAllBytes(file));
        formComponents(form, ref + ".form");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void formComponents(JsonNode parent, String at) {
      for (JsonNode c : parent.path("components")) {
        String type = c.path("type").asText();
        if (type.equals("dynamiclist")) {
          String path = c.path("path").asText();
          fields.put(path, at);
          for (JsonNode row : c.path("components")) {
            if (row.has("values") && row.path("values").size() > 0) {
              offered(path + "." + row.path("key").asText(), row, at);
            }
          }
        } else if (c.has("key") && !c.path("key").asText().isEmpty()) {
          fields.put(c.path("key").asText(), at);
          if (c.has("values") && c.path("values").size() > 0) {
            offered(c.path("key").asText(), c, at);
          }
        } else {
          formComponents(c, at);
        }
      }
    }

    private void offered(String name, JsonNode component, String at) {
      Set<String> offered = new TreeSet<>();
      component.path("values").forEach(v -> offered.add(v.path("value").asText()));
      choices.computeIfAbsent(name, k -> new LinkedHashMap<>()).put("form " + at, offered);
    }

    void decision(String ref, String resultVariable, String mapping) {
      Element decision = decisionElement(ref);
      String at = "decision " + ref;
      for (Element input : elements(decision, DMN, "input")) {
        String expression = elements(input, DMN, "inputExpression").get(0).getTextContent().trim();
        if (!expression.matches("\\w+")) {
          continue;
        }
        reads.putIfAbsent(expression, at);
        int index = elements(decision, DMN, "input").indexOf(input);
        literals(input, "inputValues").ifPresentDomain(v -> choices.computeIfAbsent(expression,
            k -> new LinkedHashMap<>()).put(at + " input values", v));
        for (Element rule : elements(decision, DMN, "rule")) {
          Element entry = elements(rule, DMN, "inputEntry").get(index);
          quoted(entry.getTextContent()).forEach(l -> compared.computeIfAbsent(expression,
              k -> new LinkedHashMap<>()).put(l, at + " rule " + rule.getAttribute("id")));
        }
      }
      List<Element> outputs = elements(decision, DMN, "output");
      for (Element output : outputs) {
        String name = "singleEntry".equals(mapping) || "collectEntries".equals(mapping) ? resultVariable
            : output.getAttribute("name");
        writes.put(name, at + " output");
        int index = outputs.indexOf(output);
        literals(output, "outputValues").ifPresentDomain(v -> choices.computeIfAbsent(name,
            k -> new LinkedHashMap<>()).put(at + " output values", v));
        if (!elements(output, DMN, "outputValues").isEmpty()) {
          for (Element rule : elements(decision, DMN, "rule")) {
            Element entry = elements(rule, DMN, "outputEntry").get(index);
            quoted(entry.getTextContent()).forEach(l -> compared.computeIfAbsent(name,
                k -> new LinkedHashMap<>()).put(l, at + " rule " + rule.getAttribute("id")));
          }
        }
      }
    }
  }

  /** A decision table's allowed values, when it lists them. */
  record Domain(Set<String> values) {
    void ifPresentDomain(java.util.function.Consumer<Set<String>> then) {
      if (values != null) {
        then.accept(values);
      }
    }
  }

  static Domain literals(Element clause, String name) {
    List<Element> found = elements(clause, DMN, name);
    return new Domain(found.isEmpty() ? null : new TreeSet<>(quoted(found.get(0).getTextContent())));
  }

  static List<String> quoted(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  // ---- the contracts, read from their classes --------------------------------------------------

  /** Shared variables: the account id and {@link PlaybookVariables}. */
  static Set<String> shared() {
    Set<String> names = new TreeSet<>(names(PlaybookVariables.class));
    names.add(AccountId.VARIABLE);
    return names;
  }

  /** A contract's variable names: its String constants and lists of names, not the values of its value sets. */
  static Set<String> names(Class<?> contract) {
    Set<String> names = new TreeSet<>();
    for (Field field : contract.getDeclaredFields()) {
      names.addAll(namesOf(contract, field));
    }
    return names;
  }

  static List<String> namesOf(Class<?> contract, Field field) {
    Object value = constant(field);
    Set<String> values = valueSets(contract).values().stream().flatMap(Set::stream).collect(Collectors.toSet());
    if (value instanceof String s && !values.contains(s)) {
      return List.of(s);
    }
    boolean primary = contract.getSimpleName().endsWith("Variables");
    if (primary && value instanceof Collection<?> list && !list.isEmpty() && list.iterator().next() instanceof String
        && valueSets(contract).values().stream().noneMatch(v -> v.equals(Set.copyOf(list)))
        && !field.getName().equals("PROTECTED") && !field.getName().equals("START_INPUTS")
        && !field.getName().equals("HEARS_DECLARED")) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of();
  }

  static Map<String, Set<String>> valueSets(Class<?> contract) {
    Map<String, Set<String>> sets = new LinkedHashMap<>();
    for (Field field : contract.getDeclaredFields()) {
      if (field.getName().equals("VALUE_SETS") && constant(field) instanceof Map<?, ?> map) {
        map.forEach((k, v) -> sets.put((String) k, new TreeSet<>(((Collection<?>) v).stream().map(String::valueOf)
            .toList())));
      }
    }
    return sets;
  }

  /** The triggers' events a contract says its playbook hears (HEARS_DECLARED). */
  static List<String> declaredEvents(Class<?> contract) {
    for (Field field : contract.getDeclaredFields()) {
      if (field.getName().equals("HEARS_DECLARED") && constant(field) instanceof List<?> list) {
        return list.stream().map(String.class::cast).toList();
      }
    }
    return List.of();
  }

  @SuppressWarnings("unchecked")
  static List<String> events(Class<?> contract) {
    for (Field field : contract.getDeclaredFields()) {
      if (field.getName().equals("HEARS") && constant(field) instanceof List<?> list) {
        return ((List<PlaybookEvent>) list).stream().map(PlaybookEvent::message).toList();
      }
    }
    return null;
  }

  static List<String> strings(Class<?> holder) {
    return Arrays.stream(holder.getDeclaredFields()).map(PlaybookContractTest::constant)
        .filter(String.class::isInstance).map(String.class::cast).toList();
  }

  static Object constant(Field field) {
    if (!Modifier.isStatic(field.getModifiers()) || !Modifier.isFinal(field.getModifiers()) || field.isSynthetic()) {
      return null;
    }
    try {
      field.setAccessible(true);
      return field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The step and functions beans a BPMN may name ({@code ${saveForecast}}, {@code ${renewalDeadlines...}}). */
  static Set<String> beans() {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(PlaybookStep.class));
    scanner.addIncludeFilter(new AnnotationTypeFilter(PlaybookFunctions.class));
    Set<String> beans = new TreeSet<>();
    for (BeanDefinition bean : scanner.findCandidateComponents("io.csplaybooks")) {
      try {
        Class<?> type = Class.forName(bean.getBeanClassName());
        PlaybookStep step = type.getAnnotation(PlaybookStep.class);
        if (step != null) {
          beans.add(step.value());
        }
        PlaybookFunctions functions = type.getAnnotation(PlaybookFunctions.class);
        if (functions != null) {
          beans.add(functions.value());
          beans.addAll(Arrays.asList(functions.formerly()));
        }
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return beans;
  }

  static Class<?> successPlanForm() {
    try {
      return Class.forName("io.csplaybooks.onboarding.SuccessPlanForm");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  static String mainJava() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      return files.filter(f -> f.toString().endsWith(".java")).map(f -> {
        try {
          return Files.readString(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).collect(Collectors.joining("\n"));
    }
  }

  // ---- XML ------------------------------------------------------------------------------------

  static Element processElement(String id) {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      return files.filter(f -> f.toString().endsWith(".bpmn"))
          .flatMap(f -> elements(parse(f).getDocumentElement(), BPMN, "process").stream())
          .filter(p -> p.getAttribute("id").equals(id)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no process " + id + " in bpmn/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Element decisionElement(String id) {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      return files.filter(f -> f.toString().endsWith(".dmn"))
          .flatMap(f -> elements(parse(f).getDocumentElement(), DMN, "decision").stream())
          .filter(d -> d.getAttribute("id").equals(id)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no decision " + id + " in bpmn/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Document parse(Path file) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(file.toFile());
    } catch (Exception e) {
      throw new IllegalStateException(file + ": " + e.getMessage(), e);
    }
  }

  static List<Element> elements(Element parent, String namespace, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getElementsByTagNameNS(namespace, name);
    for (int i = 0; i < nodes.getLength(); i++) {
      found.add((Element) nodes.item(i));
    }
    return found;
  }

  static List<Element> descendants(Element root) {
    return elements(root, "*", "*");
  }

  static String describe(Element e) {
    Node n = e;
    while (n instanceof Element el && el.getAttribute("id").isEmpty()) {
      n = n.getParentNode();
    }
    String owner = n instanceof Element el ? el.getAttribute("id") : "?";
    return e.getLocalName().equals(((Element) n).getLocalName()) ? owner : owner + "/" + e.getLocalName();
  }
}
