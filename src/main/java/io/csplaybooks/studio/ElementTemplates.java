package io.csplaybooks.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.DeclaredEvents;
import io.csplaybooks.playbook.PlaybookEvent;
import io.csplaybooks.playbook.PlaybookForms;
import io.csplaybooks.playbook.PlaybookStep;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.playbook.TaskDeadlines;
import io.csplaybooks.sandbox.PlaybookValidator;
import io.csplaybooks.security.Groups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.xml.transform.dom.DOMSource;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Camunda Modeler's element templates (Camunda 7 format) for the CS managers' palette, made from the
 * code so they cannot drift from it: a service task per step the application offers (each
 * {@link PlaybookStep} that is a delegate, with its name, description, async boundaries and inputs), a
 * user task per kind of work (a team of {@link Groups#TEAMS}, or the account's CSM, account executive
 * or renewal owner; due in N business days through {@link TaskDeadlines}; a form from a list), and a
 * message start and a message catch per business event ({@link PlaybookEvent}, and at serving time the
 * events people declared, {@link DeclaredEvents}).
 *
 * <p>A task made from a template passes the sandbox's validator as it is: the step by its delegate
 * expression, the async boundaries the architecture asks for (after every user task and message start,
 * around every outside call), a team that exists, a due date, a form deployed with the playbook.
 *
 * <p>What Camunda 7 templates cannot say, they leave to the person and say so in words: a step that
 * is a task listener (it comes with its user task, in the shipped playbooks) has no template, and a
 * message event's message is chosen in the Modeler's "Message" field (the template's description and
 * its {@code metadata.message} name it). The committed {@code .camunda/element-templates/cs-playbooks.json},
 * which the desktop Modeler reads next to the playbooks, is {@link #generated()}; a test keeps the two equal.
 */
@Component
public class ElementTemplates {

  public static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
  /** Every template's id starts so: {@code io.csplaybooks.<kind>.<name>}. */
  public static final String PREFIX = "io.csplaybooks.";
  /**
   * The templates' version: raise it when what a template writes changes, so that the Modeler offers
   * to update the tasks made from the old one.
   */
  public static final int VERSION = 1;
  /** Where the desktop Modeler finds the templates of the playbooks beside them. */
  public static final String COMMITTED = ".camunda/element-templates/cs-playbooks.json";

  static final String STEP = "step";
  static final String TASK = "task";
  static final String START = "start";
  static final String CATCH = "catch";

  /** A 1 to 250 (TaskDeadlines.MAX_BUSINESS_DAYS) whole number, as the Modeler checks it while one types. */
  static final String BUSINESS_DAYS_PATTERN = "^([1-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|250)$";
  static final String DEFAULT_DUE_DAYS = "5";
  /** The form a new task shows until one is chosen: the one-off task's (what to do, what was done). */
  static final String GENERAL_FORM = "do-one-off-task";
  static final String DUE_DATE = "${taskDeadlines.inBusinessDays(" + TaskDeadlines.DUE_IN_BUSINESS_DAYS + ")}";

  /** A step as the code declares it. */
  record Step(String bean, Class<?> type, PlaybookStep declared) {

    /** A delegate a service task calls; the others are task or execution listeners. */
    boolean isDelegate() {
      return JavaDelegate.class.isAssignableFrom(type);
    }
  }

  /** A form a task may show: its id and its title (the heading of its first text). */
  record FormChoice(String id, String title) {}

  /** A business event a playbook may start on or wait for. */
  record Event(String message, String name, String sentBy, boolean declared) {}

  /**
   * Who does a kind of task: its template's id, name, assignee expression (or none) and team, and the
   * variable the shipped playbooks name the same person by.
   */
  record Work(String id, String name, String description, String assignee, String team, String formerly) {}

  /** The kinds of people's work, in the order of the palette. */
  static final List<Work> WORK = work();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ArrayNode generated;
  private final Supplier<List<DeclaredEvents.DeclaredEvent>> declared;
  private final Supplier<Collection<String>> deployedForms;

  @Autowired
  ElementTemplates(ObjectProvider<DeclaredEvents> declared, DeployedForms deployedForms) {
    this(() -> declared.orderedStream().flatMap(d -> d.declared().stream()).toList(), deployedForms::ids);
  }

  /** With the events declared now and the forms deployed now, as the running application knows them. */
  ElementTemplates(Supplier<List<DeclaredEvents.DeclaredEvent>> declared, Supplier<Collection<String>> deployedForms) {
    this.generated = generate(scanSteps("io.csplaybooks"), shippedForms(), events(List.of()));
    this.declared = declared;
    this.deployedForms = deployedForms;
  }

  /** The templates made from the code alone: the committed file's content. */
  public ArrayNode generated() {
    return generated.deepCopy();
  }

  /**
   * What the studio serves: the generated templates, with a start and a catch template for every event
   * declared now and every form deployed since (in each task template's list of forms).
   */
  public ArrayNode served() {
    ArrayNode templates = generated();
    List<Event> extra = events(declared.get()).stream().filter(Event::declared).toList();
    for (Event event : extra) {
      templates.add(eventTemplate(START, event));
      templates.add(eventTemplate(CATCH, event));
    }
    Collection<String> deployed = deployedForms.get();
    for (JsonNode template : templates) {
      for (JsonNode property : template.path("properties")) {
        if ("camunda:formRef".equals(property.path("binding").path("name").asText())) {
          ArrayNode choices = (ArrayNode) property.path("choices");
          Set<String> offered = new HashSet<>();
          choices.forEach(choice -> offered.add(choice.path("value").asText()));
          deployed.stream().filter(id -> !offered.contains(id) && id.matches("[A-Za-z0-9_.-]{1,100}")).sorted()
              .forEach(id -> choices.add(choice(id, id)));
        }
      }
    }
    return templates;
  }

  /**
   * What the studio serves to a person: the served templates in their language (names, descriptions,
   * labels and choices from {@code i18n/palette_<language>.properties} and the forms' own translations),
   * English where there is none. The bindings, ids and versions never change with the language.
   */
  public ArrayNode served(Locale locale) {
    ArrayNode templates = served();
    Words words = Words.of(locale);
    if (words.isEmpty()) {
      return templates;
    }
    templates.forEach(template -> translate((ObjectNode) template, words));
    return templates;
  }

  /** The ids of the templates served now, for the check's notes. */
  public Map<String, String> servedNames() {
    Map<String, String> names = new LinkedHashMap<>();
    served().forEach(template -> names.put(template.path("id").asText(), template.path("name").asText()));
    return names;
  }

  /** The templates as the committed file holds them: indented by two, one property a line, a newline at the end. */
  public static String write(JsonNode templates) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return JSON.writer(printer).writeValueAsString(templates) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // In the person's language ///////////////////////////////////////////////////////////////////////////

  /** A palette bundle and the forms' translations of one language; empty for English, whose words are the code's. */
  record Words(Properties palette, Properties forms) {

    private static final Map<String, Words> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    static Words of(Locale locale) {
      String language = locale == null ? "" : locale.getLanguage();
      return LOADED.computeIfAbsent(language, l -> new Words(load("i18n/palette_" + l + ".properties"),
          load("i18n/forms_" + l + ".properties")));
    }

    boolean isEmpty() {
      return palette.isEmpty();
    }

    String get(String key) {
      return palette.getProperty(key);
    }

    String format(String key, Object... arguments) {
      String pattern = palette.getProperty(key);
      return pattern == null ? null : new MessageFormat(pattern, Locale.ROOT).format(arguments);
    }

    private static Properties load(String resource) {
      Properties properties = new Properties();
      if (resource.contains("_.")) {
        return properties;
      }
      try (var in = ElementTemplates.class.getClassLoader().getResourceAsStream(resource)) {
        if (in != null) {
          properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return properties;
    }
  }

  private static void translate(ObjectNode template, Words words) {
    String key = template.path("id").asText().substring(PREFIX.length());
    JsonNode metadata = template.path("metadata");
    String kind = metadata.path("kind").asText();
    String eventName = null;
    if (STEP.equals(kind) || TASK.equals(kind)) {
      replace(template, "name", words.get(key + ".name"));
      String description = words.get(key + ".description");
      List<String> sends = new ArrayList<>();
      metadata.path("sends").forEach(sent -> sends.add(sent.asText()));
      replace(template, "description", description == null || sends.isEmpty() ? description
          : words.format("step.sends", String.join(", ", sends)) + " " + description);
    } else if (START.equals(kind) || CATCH.equals(kind)) {
      String message = metadata.path("message").asText();
      eventName = metadata.path("declared").asBoolean() ? null : words.get("event." + message);
      String shown = eventName != null ? eventName : nameValue(template);
      replace(template, "name", words.format(kind + ".name", shown));
      replace(template, "description", words.format(kind + ".description", shown, message));
    }
    for (JsonNode node : template.path("properties")) {
      ObjectNode property = (ObjectNode) node;
      JsonNode binding = property.path("binding");
      String name = binding.path("name").asText();
      switch (binding.path("type").asText() + " " + name) {
        case "property name" -> {
          replace(property, "label", words.get(TASK.equals(kind) ? "label.task-name" : "label.name"));
          // A new element takes the name in the person's language.
          if (eventName != null) {
            replace(property, "value", eventName);
          } else if (STEP.equals(kind) && property.has("value")) {
            replace(property, "value", words.get(key + ".name"));
          }
        }
        case "property camunda:formRef" -> {
          replace(property, "label", words.get("label.form"));
          replace(property, "description", words.get("label.form.description"));
          property.path("choices").forEach(choice -> {
            String title = formTitle(words, choice.path("value").asText());
            if (title != null) {
              ((ObjectNode) choice).put("name", title + " (" + choice.path("value").asText() + ")");
            }
          });
        }
        case "camunda:inputParameter " + TaskDeadlines.DUE_IN_BUSINESS_DAYS -> {
          replace(property, "label", words.get("label.due"));
          replace(property, "description", words.get("label.due.description"));
          if (property.path("constraints").path("pattern") instanceof ObjectNode pattern) {
            replace(pattern, "message", words.get("label.due.pattern"));
          }
        }
        default -> {
          if (binding.path("type").asText().equals("camunda:inputParameter")) {
            replace(property, "label", words.get("input." + name + ".label"));
            property.path("choices").forEach(choice -> replace((ObjectNode) choice, "name",
                words.get("input." + name + "." + choice.path("value").asText())));
          }
        }
      }
    }
  }

  /** The event's name as the template's Name property gives it (a declared event's own words). */
  private static String nameValue(ObjectNode template) {
    for (JsonNode property : template.path("properties")) {
      if ("name".equals(property.path("binding").path("name").asText())) {
        return property.path("value").asText();
      }
    }
    return template.path("name").asText();
  }

  /** A form's title in the language: the translation of its first text's heading. */
  private static String formTitle(Words words, String formId) {
    String prefix = formId + ".";
    for (String key : new java.util.TreeSet<>(words.forms().stringPropertyNames())) {
      if (key.startsWith(prefix) && key.endsWith(".text") && key.substring(prefix.length()).startsWith("Text_")) {
        String first = words.forms().getProperty(key).strip().split("\n", 2)[0].replaceFirst("^#+\\s*", "").strip();
        return first.isEmpty() ? null : first;
      }
    }
    return null;
  }

  private static void replace(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  // The check's notes /////////////////////////////////////////////////////////////////////////////////

  /**
   * A user or service task made without one of the palette's templates (or with one the studio does
   * not offer), and the template that would fit it; a hint, never a refusal: the shipped playbooks and
   * any file written by hand still deploy.
   *
   * @param element the task in words ("User task 'Call sponsor' (callSponsor)")
   * @param used the template it names, or null
   * @param fits the name of the template that would fit, or null when none does
   */
  public record Note(String resource, String elementId, String element, String used, String fits) {

    /** The note in English, as the API and the tests read it (the page says it in the person's language). */
    public String message() {
      String start = used == null ? element + " was made without a template of the studio's palette"
          : element + " uses the template '" + used + "', which the studio does not offer";
      return start + (fits == null ? ": none fits it; the palette's steps and tasks say in words what they do"
          : ": the template '" + fits + "' fits it (in Camunda Modeler: Template, Select)");
    }
  }

  /** The notes for one playbook, in the order of its tasks. */
  public List<Note> notes(String resource, BpmnModelInstance model) {
    Map<String, String> offered = servedNames();
    List<Note> notes = new ArrayList<>();
    List<Task> tasks = new ArrayList<>(model.getModelElementsByType(Task.class));
    // In the file's order, as a person reads it (the model lists them by type).
    Map<String, Integer> order = new HashMap<>();
    NodeList all = ((Document) ((DOMSource) model.getDocument().getDomSource()).getNode()).getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      order.putIfAbsent(((Element) all.item(i)).getAttribute("id"), i);
    }
    tasks.sort(Comparator.comparingInt(task -> order.getOrDefault(task.getId(), Integer.MAX_VALUE)));
    for (Task task : tasks) {
      if (!(task instanceof UserTask) && !(task instanceof ServiceTask)) {
        continue;
      }
      String used = task.getAttributeValueNs(PlaybookValidator.CAMUNDA, "modelerTemplate");
      if (used != null && offered.containsKey(used.trim())) {
        continue;
      }
      String fits = fitting(task).map(offered::get).orElse(null);
      notes.add(new Note(resource, task.getId(), PlaybookValidator.describe(task), used == null || used.isBlank()
          ? null : used.trim(), fits));
    }
    return notes;
  }

  /** The id of the template that writes what the task says (its step, or who does it). */
  static Optional<String> fitting(Task task) {
    if (task instanceof ServiceTask service) {
      String delegate = compact(service.getCamundaDelegateExpression());
      if (delegate.startsWith("${") && delegate.endsWith("}")) {
        return Optional.of(PREFIX + STEP + "." + delegate.substring(2, delegate.length() - 1));
      }
      return Optional.empty();
    }
    UserTask user = (UserTask) task;
    String assignee = compact(user.getCamundaAssignee());
    for (Work work : WORK) {
      if (work.assignee() != null && (assignee.equals(work.assignee()) || assignee.equals(work.formerly()))) {
        return Optional.of(PREFIX + TASK + "." + work.id());
      }
    }
    String groups = compact(user.getCamundaCandidateGroups());
    if (assignee.isEmpty() && Groups.TEAMS.contains(groups)) {
      return Optional.of(PREFIX + TASK + "." + groups);
    }
    return Optional.empty();
  }

  private static String compact(String text) {
    return text == null ? "" : text.replaceAll("\\s+", "");
  }

  // Generation ///////////////////////////////////////////////////////////////////////////////////////

  static ArrayNode generate(Collection<Step> steps, List<FormChoice> forms, List<Event> events) {
    ArrayNode templates = NODES.arrayNode();
    steps.stream().filter(Step::isDelegate).sorted((a, b) -> a.bean().compareTo(b.bean()))
        .forEach(step -> templates.add(stepTemplate(step)));
    for (Work work : WORK) {
      templates.add(workTemplate(work, forms));
    }
    for (Event event : events) {
      templates.add(eventTemplate(START, event));
    }
    for (Event event : events) {
      templates.add(eventTemplate(CATCH, event));
    }
    return templates;
  }

  private static ObjectNode template(String kind, String name, String id, String description, String appliesTo,
      String elementType) {
    ObjectNode template = NODES.objectNode();
    template.put("$schema", SCHEMA);
    template.put("name", name);
    template.put("id", PREFIX + kind + "." + id);
    template.put("version", VERSION);
    template.put("description", description);
    template.putArray("appliesTo").add(appliesTo);
    template.putObject("elementType").put("value", elementType);
    return template;
  }

  static ObjectNode stepTemplate(Step step) {
    PlaybookStep declared = step.declared();
    List<String> sends = Arrays.stream(declared.sends()).map(PlaybookEvent::message).toList();
    String description = (sends.isEmpty() ? "" : "Sends " + String.join(", ", sends) + ". ") + declared.description();
    ObjectNode template = template(STEP, declared.name(), step.bean(), description, "bpmn:Task", "bpmn:ServiceTask");
    ObjectNode metadata = template.putObject("metadata");
    metadata.put("kind", STEP);
    metadata.put("step", step.bean());
    ArrayNode sent = metadata.putArray("sends");
    sends.forEach(sent::add);
    ArrayNode properties = template.putArray("properties");
    properties.add(name("Name", declared.name()));
    properties.add(hidden("camunda:delegateExpression", "${" + step.bean() + "}"));
    if (declared.asyncBefore()) {
      properties.add(hidden("camunda:asyncBefore", "true"));
    }
    if (declared.asyncAfter()) {
      properties.add(hidden("camunda:asyncAfter", "true"));
    }
    for (PlaybookStep.Input input : declared.inputs()) {
      ObjectNode property = properties.addObject();
      property.put("label", input.label());
      property.put("type", "Dropdown");
      property.put("value", input.choices()[0]);
      ArrayNode choices = property.putArray("choices");
      for (String value : input.choices()) {
        choices.add(choice(words(value), value));
      }
      ObjectNode binding = property.putObject("binding");
      binding.put("type", "camunda:inputParameter");
      binding.put("name", input.name());
    }
    return template;
  }

  static ObjectNode workTemplate(Work work, List<FormChoice> forms) {
    ObjectNode template = template(TASK, work.name(), work.id(), work.description(), "bpmn:Task", "bpmn:UserTask");
    ObjectNode metadata = template.putObject("metadata");
    metadata.put("kind", TASK);
    metadata.put("team", work.team());
    if (work.assignee() != null) {
      metadata.put("assignee", work.assignee());
    }
    ArrayNode properties = template.putArray("properties");
    properties.add(name("Task name", null));
    if (work.assignee() != null) {
      properties.add(hidden("camunda:assignee", work.assignee()));
    }
    properties.add(hidden("camunda:candidateGroups", work.team()));

    ObjectNode due = properties.addObject();
    due.put("label", "Due in business days");
    due.put("description", "Whole business days from when the task is created, 1 to " + TaskDeadlines.MAX_BUSINESS_DAYS
        + "; weekends do not count.");
    due.put("type", "String");
    due.put("value", DEFAULT_DUE_DAYS);
    ObjectNode constraints = due.putObject("constraints");
    constraints.put("notEmpty", true);
    constraints.putObject("pattern").put("value", BUSINESS_DAYS_PATTERN)
        .put("message", "Type a whole number of business days from 1 to " + TaskDeadlines.MAX_BUSINESS_DAYS + ".");
    ObjectNode dueBinding = due.putObject("binding");
    dueBinding.put("type", "camunda:inputParameter");
    dueBinding.put("name", TaskDeadlines.DUE_IN_BUSINESS_DAYS);
    properties.add(hidden("camunda:dueDate", DUE_DATE));

    ObjectNode form = properties.addObject();
    form.put("label", "Form");
    form.put("description", "What the person fills in. The studio deploys the form with the playbook.");
    form.put("type", "Dropdown");
    form.put("value", forms.stream().map(FormChoice::id).filter(GENERAL_FORM::equals).findFirst()
        .orElse(forms.isEmpty() ? "" : forms.get(0).id()));
    ArrayNode choices = form.putArray("choices");
    forms.forEach(f -> choices.add(choice(f.title() + " (" + f.id() + ")", f.id())));
    form.putObject("binding").put("type", "property").put("name", "camunda:formRef");
    properties.add(hidden("camunda:formRefBinding", "deployment"));
    // A person's click commits only their work; what it starts runs after this boundary.
    properties.add(hidden("camunda:asyncAfter", "true"));
    return template;
  }

  static ObjectNode eventTemplate(String kind, Event event) {
    boolean start = START.equals(kind);
    String words = start ? "Starts on: " + event.name() : "Waits for: " + event.name();
    String description = (start ? "Starts the playbook when " : "Waits until ") + event.sentBy() + " sends "
        + event.message() + ". Choose the message '" + event.message() + "' under Message"
        + " (a Camunda 7 template cannot set it)."
        + (start ? " One playbook starts on a message: use it in a new version of the playbook that starts on it"
            + " now, or in a playbook of your own for an event nothing starts on yet." : "");
    ObjectNode template = template(kind, words, event.message(), description,
        start ? "bpmn:StartEvent" : "bpmn:IntermediateCatchEvent", start ? "bpmn:StartEvent" : "bpmn:IntermediateCatchEvent");
    // The rest of the element (its message) stays editable in the Modeler.
    template.put("entriesVisible", true);
    ObjectNode metadata = template.putObject("metadata");
    metadata.put("kind", kind);
    metadata.put("message", event.message());
    metadata.put("declared", event.declared());
    ArrayNode properties = template.putArray("properties");
    properties.add(name("Name", event.name()));
    if (start) {
      // The sender's transaction ends here; the playbook goes on in the job executor.
      properties.add(hidden("camunda:asyncAfter", "true"));
    }
    return template;
  }

  private static ObjectNode name(String label, String value) {
    ObjectNode property = NODES.objectNode();
    property.put("label", label);
    property.put("type", "String");
    if (value != null) {
      property.put("value", value);
    }
    property.putObject("constraints").put("notEmpty", true);
    property.putObject("binding").put("type", "property").put("name", "name");
    return property;
  }

  private static ObjectNode hidden(String attribute, String value) {
    ObjectNode property = NODES.objectNode();
    property.put("type", "Hidden");
    property.put("value", value);
    property.putObject("binding").put("type", "property").put("name", attribute);
    return property;
  }

  private static ObjectNode choice(String name, String value) {
    ObjectNode choice = NODES.objectNode();
    choice.put("name", name);
    choice.put("value", value);
    return choice;
  }

  private static List<Work> work() {
    Map<String, String> teams = new LinkedHashMap<>();
    teams.put(Groups.CS, "the CS team (CSMs)");
    teams.put(Groups.CS_MANAGERS, "the CS managers");
    teams.put(Groups.SALES, "sales");
    teams.put(Groups.ENGINEERING, "engineering");
    teams.put(Groups.PRODUCT, "product");
    if (!teams.keySet().equals(Set.copyOf(Groups.TEAMS))) {
      throw new IllegalStateException("a team without a task template: " + Groups.TEAMS);
    }
    List<Work> work = new ArrayList<>();
    work.add(new Work("csm", "Task for the account's CSM",
        "A task for the account's CSM now (it follows the account when its book moves); without a CSM the CS team"
            + " takes it.", "${accountFacts.csm(" + AccountId.VARIABLE + ")}", Groups.CS, "${" + PlaybookVariables.CSM_ID + "}"));
    work.add(new Work("account-executive", "Task for the account executive",
        "A task for the account's executive in sales; without one the sales team takes it.",
        "${accountFacts.accountExecutive(" + AccountId.VARIABLE + ")}", Groups.SALES, "${accountExecutive}"));
    work.add(new Work("renewal-owner", "Task for the renewal owner",
        "A task for the owner of the account's running renewal (the CSM, the account executive or the account"
            + " manager, as the renewal-owner table chose); without a running renewal the CS managers take it.",
        "${renewalFacts.owner(" + AccountId.VARIABLE + ")}", Groups.CS_MANAGERS, "${renewalOwner}"));
    teams.forEach((team, who) -> work.add(new Work(team, "Task for " + who,
        "A task in the queue of " + who + ": anyone in the team claims it.", null, team, null)));
    return List.copyOf(work);
  }

  // What the code offers ////////////////////////////////////////////////////////////////////////////

  /** The steps under a package, as the classes declare them (no application needed). */
  static List<Step> scanSteps(String basePackage) {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(PlaybookStep.class));
    Map<String, Step> steps = new TreeMap<>();
    for (BeanDefinition definition : scanner.findCandidateComponents(basePackage)) {
      if (isTestCode(definition)) {
        // A test's own step (a sandbox test offers one) is no step of the application.
        continue;
      }
      Class<?> type = ClassUtils.resolveClassName(definition.getBeanClassName(), ElementTemplates.class.getClassLoader());
      PlaybookStep declared = type.getAnnotation(PlaybookStep.class);
      steps.put(declared.value(), new Step(declared.value(), type, declared));
    }
    return List.copyOf(steps.values());
  }

  private static boolean isTestCode(BeanDefinition definition) {
    try {
      return definition instanceof AbstractBeanDefinition scanned && scanned.getResource() != null
          && scanned.getResource().getURL().toString().contains("/test-classes/");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The shipped forms (forms/*.form on the class path) a user task may show, by id. A start form, whose
   * fields set what only the application may set on a task, is not offered.
   */
  static List<FormChoice> shippedForms() {
    Map<String, FormChoice> forms = new TreeMap<>();
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
        byte[] content = resource.getContentAsByteArray();
        PlaybookForms.Form form = PlaybookForms.read(resource.getFilename(), content);
        if (form.id() == null || !form.problems().isEmpty()
            || form.settable().stream().anyMatch(PlaybookVariables.START_INPUTS::contains)) {
          continue;
        }
        forms.put(form.id(), new FormChoice(form.id(), title(content, form.id())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(forms.values());
  }

  /** "Hold the kickoff" from a form whose first text is "## Hold the kickoff\n...". */
  static String title(byte[] content, String id) {
    try {
      for (JsonNode component : JSON.readTree(new String(content, StandardCharsets.UTF_8)).path("components")) {
        if ("text".equals(component.path("type").asText())) {
          String first = component.path("text").asText().strip().split("\n", 2)[0].replaceFirst("^#+\\s*", "").strip();
          return first.isEmpty() ? words(id) : first;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return words(id);
  }

  /** The application's events, then the declared ones (a declared one with an application event's message is that event). */
  static List<Event> events(List<DeclaredEvents.DeclaredEvent> declared) {
    Map<String, Event> events = new LinkedHashMap<>();
    for (PlaybookEvent event : PlaybookEvent.values()) {
      events.put(event.message(), new Event(event.message(), words(event.message()), event.sentBy(), false));
    }
    for (DeclaredEvents.DeclaredEvent event : declared) {
      if (event.message() != null && event.message().matches("[A-Za-z][A-Za-z0-9_-]{0,99}")) {
        events.putIfAbsent(event.message(), new Event(event.message(),
            event.name() == null || event.name().isBlank() ? words(event.message()) : event.name(),
            event.sentBy() == null || event.sentBy().isBlank() ? "a trigger" : "the trigger (" + event.sentBy() + ")",
            true));
      }
    }
    return List.copyOf(events.values());
  }

  /** "HealthTurnedRed" as "Health turned red", "cs-managers" as "Cs managers". */
  static String words(String name) {
    String spaced = name.replace('-', ' ').replace('_', ' ').replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase();
    return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }
}
