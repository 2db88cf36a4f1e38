package io.csplaybooks.support;

import io.csplaybooks.notify.TaskDigests;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.IdentitySetup;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The whole application on PostgreSQL with a real SMTP server. All integration tests share one
 * context and database, so each test makes its own contracts and accounts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTest {

  public static final String PASSWORD = "s3cret-test";

  /** Test people: id to teams. */
  static final Map<String, List<String>> PEOPLE = Map.ofEntries(
      Map.entry("ada", List.of(Groups.SALES)),
      Map.entry("sam", List.of(Groups.SALES)),
      // In sales, and the executive of record of no test account.
      Map.entry("sol", List.of(Groups.SALES)),
      Map.entry("carl", List.of(Groups.CS, "pod-enterprise-emea")),
      Map.entry("cleo", List.of(Groups.CS, "pod-enterprise-emea")),
      Map.entry("mia", List.of(Groups.CS_MANAGERS)),
      Map.entry("ed", List.of(Groups.ENGINEERING)),
      Map.entry("pat", List.of(Groups.PRODUCT)),
      // Only ever given a wrong password: a failed login delays the user's next ones.
      Map.entry("ivy", List.of(Groups.SALES)),
      // In no team: may log in, may see nothing.
      Map.entry("nora", List.of()),
      Map.entry("root", List.of(Groups.CAMUNDA_ADMIN)));

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", TestDatabase::url);
    registry.add("spring.datasource.username", TestDatabase::user);
    registry.add("spring.datasource.password", TestDatabase::password);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", TestMailServer::port);
    // Single sign-on with a real OpenID provider (TestIdentityProvider), beside the passwords.
    String sso = "spring.security.oauth2.client.registration." + TestIdentityProvider.REGISTRATION + ".";
    registry.add(sso + "client-id", () -> TestIdentityProvider.CLIENT_ID);
    registry.add(sso + "client-secret", () -> TestIdentityProvider.CLIENT_SECRET);
    registry.add(sso + "client-name", () -> "Test IdP");
    registry.add(sso + "scope", () -> "openid,profile,email");
    registry.add("spring.security.oauth2.client.provider." + TestIdentityProvider.REGISTRATION + ".issuer-uri",
        TestIdentityProvider::issuer);
  }

  @Autowired protected TestRestTemplate http;
  @Autowired protected IdentityService identity;
  @Autowired protected ManagementService management;
  @Autowired protected RuntimeService runtime;
  @Autowired protected TaskService tasks;
  @Autowired protected HistoryService history;
  @Autowired protected IdentitySetup identitySetup;
  @Autowired protected TaskDigests taskDigests;

  @BeforeEach
  void people() {
    identitySetup.ensureGroup("pod-enterprise-emea", "CS pod enterprise EMEA", Groups.POD_TYPE);
    PEOPLE.forEach((id, groups) -> {
      if (identity.createUserQuery().userId(id).count() == 0) {
        User user = identity.newUser(id);
        user.setFirstName(Character.toUpperCase(id.charAt(0)) + id.substring(1));
        user.setLastName("Test");
        user.setEmail(id + "@example.com");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        groups.forEach(group -> identity.createMembership(id, group));
      }
    });
  }

  /** A person of a test's own (not one of the shared test people), in one team, made once. */
  protected void person(String id, String firstName, String lastName, String team) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(id + "@example.com");
      user.setPassword(PASSWORD);
      identity.saveUser(user);
      identity.createMembership(id, team);
    }
  }

  protected TestRestTemplate as(String userId) {
    return http.withBasicAuth(userId, PASSWORD);
  }

  /**
   * The CRM's webhook as sales' ada sends it, and the handoff playbook carried on past its async
   * start, as the job executor would: the account has its CSM and the renewal has started.
   */
  protected Map<?, ?> handOff(Map<String, Object> deal) {
    Map<?, ?> created = as("ada").postForObject("/api/handoffs", deal, Map.class);
    continueHandoff((String) created.get("processInstanceId"));
    return created;
  }

  /**
   * Carries a handoff the CRM's webhook created through to its kickoff, as the people would: a CS
   * manager confirms the CSM when the table asks for a review, the CSM holds the kickoff, and the
   * playbooks it starts (onboarding) run on to their first tasks.
   */
  protected void holdKickoff(Map<?, ?> created) {
    String instance = (String) created.get("processInstanceId");
    Task kickoff = kickoffWaiting(created);
    ResponseEntity<Map> held = submitTask(kickoff.getAssignee(), kickoff,
        Map.of("kickoffHeldOn", java.time.LocalDate.now().toString(), "kickoffNotes", "Went through the brief"));
    org.assertj.core.api.Assertions.assertThat(held.getStatusCode()).as(String.valueOf(held.getBody()))
        .isEqualTo(org.springframework.http.HttpStatus.NO_CONTENT);
    runPlaybooksAround(instance);
    runPlaybooksOf(((Number) created.get("accountId")).longValue());
  }

  /**
   * Carries a handoff the CRM's webhook created up to its kickoff, as the people would: a CS manager
   * confirms the CSM when the table asks for a review. Returns the CSM's "Hold kickoff" task.
   */
  protected Task kickoffWaiting(Map<?, ?> created) {
    String instance = (String) created.get("processInstanceId");
    if (management.createJobQuery().processInstanceId(instance).activityId("startContractClosed").count() > 0) {
      continueHandoff(instance);
    }
    runPlaybooksAround(instance);
    Task review = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("reviewCsmAssignment")
        .singleResult();
    if (review != null) {
      org.assertj.core.api.Assertions.assertThat(submitTask("mia", review, Map.of("csmId", "cleo")).getStatusCode())
          .isEqualTo(org.springframework.http.HttpStatus.NO_CONTENT);
      runPlaybooksAround(instance);
    }
    Task kickoff = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("holdKickoff").singleResult();
    org.assertj.core.api.Assertions.assertThat(kickoff).as("the kickoff task of " + instance).isNotNull();
    return kickoff;
  }

  /** The names of the playbook's tasks the user sees in Tasklist (the engine's REST API, as Tasklist asks). */
  protected List<String> visibleTasks(String user, String processInstanceId) {
    List<Map<String, Object>> visible = as(user).getForObject("/engine-rest/task?processInstanceId=" + processInstanceId,
        List.class);
    return visible.stream().map(t -> (String) t.get("name")).toList();
  }

  /** Runs the handoff's async start (the step the CRM's webhook does not wait for). */
  protected void continueHandoff(String processInstanceId) {
    Job start = management.createJobQuery().processInstanceId(processInstanceId).activityId("startContractClosed")
        .singleResult();
    if (start == null) {
      throw new IllegalStateException("handoff " + processInstanceId + " is not waiting at its start");
    }
    management.executeJob(start.getId());
  }

  /** A deployment as Camunda Modeler sends it: one multipart file per resource. */
  protected ResponseEntity<Map> deployAs(String user, String name, Map<String, String> files) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", name);
    parts.add("deployment-source", "Camunda Modeler");
    parts.add("deploy-changed-only", "true");
    files.forEach((file, content) -> parts.add(file, new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return file;
      }
    }));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return as(user).postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, headers), Map.class);
  }

  /**
   * Form fields as Tasklist submits them to the engine's REST API: a dynamic list's rows (a list or
   * map here) as a JSON variable, its value the JSON text, as Tasklist's camunda-form does.
   */
  protected static HttpEntity<Object> formVariables(Map<String, Object> fields) {
    Map<String, Object> variables = new HashMap<>();
    fields.forEach((name, value) -> variables.put(name, value instanceof Collection<?> || value instanceof Map<?, ?>
        ? Map.of("value", jsonText(value), "type", "Json")
        : Map.of("value", value, "type", value instanceof Boolean ? "Boolean" : value instanceof Number ? "Long" : "String")));
    return json(Map.of("variables", variables));
  }

  /**
   * A task's form variables as Tasklist reads them ({@code deserializeValues=false}): a dynamic
   * list's rows must come as a JSON variable, which Tasklist parses into the list.
   */
  protected Map<String, Object> tasklistForm(String user, String taskId) {
    return as(user).getForObject("/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false", Map.class);
  }

  /** The rows a task's form shows in its dynamic list {@code name}: the variable is JSON, as Tasklist needs. */
  @SuppressWarnings("unchecked")
  protected static List<Map<String, Object>> rows(Map<String, Object> tasklistForm, String name) {
    Map<String, Object> variable = (Map<String, Object>) tasklistForm.get(name);
    if (variable == null || !"Json".equals(variable.get("type"))) {
      throw new AssertionError(name + " is not a JSON variable, Tasklist would not show it as a list: " + variable);
    }
    try {
      Object value = variable.get("value");
      return value == null ? null : new com.fasterxml.jackson.databind.ObjectMapper().readValue((String) value, List.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(name + " is not JSON: " + variable.get("value"), e);
    }
  }

  private static String jsonText(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * Submits a form through the engine's REST API as Tasklist does: a task's
   * ({@code /engine-rest/task/{id}/submit-form}) or a start form. When it is accepted, what follows
   * runs as the job executor would run it: every user task and message start ends at an async boundary.
   */
  protected ResponseEntity<Map> submitForm(String user, String path, Map<String, Object> fields) {
    Matcher task = TASK_FORM.matcher(path);
    String instance = task.matches() ? tasks.createTaskQuery().taskId(task.group(1)).singleResult().getProcessInstanceId()
        : null;
    ResponseEntity<Map> response = as(user).postForEntity(path, formVariables(fields), Map.class);
    if (response.getStatusCode().is2xxSuccessful()) {
      runPlaybooksAround(instance != null ? instance : (String) response.getBody().get("id"));
    }
    return response;
  }

  protected ResponseEntity<Map> submitTask(String user, String taskId, Map<String, Object> fields) {
    return submitForm(user, "/engine-rest/task/" + taskId + "/submit-form", fields);
  }

  protected ResponseEntity<Map> submitTask(String user, Task task, Map<String, Object> fields) {
    return submitTask(user, task.getId(), fields);
  }

  private static final Pattern TASK_FORM = Pattern.compile(".*/task/([^/]+)/submit-form");

  /**
   * Runs the due jobs of a playbook and of the playbooks around it (the same business key, and the
   * account it works for), until none is left: what one click starts continues in jobs.
   */
  protected void runPlaybooksAround(String processInstanceId) {
    Set<String> keys = new HashSet<>();
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
    if (instance != null) {
      keys.add(instance.getBusinessKey());
      Object account = runtime.getVariable(processInstanceId, "accountId");
      if (account != null) {
        keys.add(String.valueOf(account));
      }
    } else {
      history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).list()
          .forEach(ended -> keys.add(ended.getBusinessKey()));
    }
    for (int round = 0; round < 50; round++) {
      List<Job> due = new ArrayList<>(management.createJobQuery().processInstanceId(processInstanceId).executable().list());
      for (String key : keys) {
        if (key != null) {
          runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).list().forEach(other ->
              due.addAll(management.createJobQuery().processInstanceId(other.getId()).executable().list()));
        }
      }
      if (due.isEmpty()) {
        tellPeople();
        return;
      }
      due.stream().map(Job::getId).distinct().forEach(job -> {
        if (management.createJobQuery().jobId(job).count() > 0) {
          management.executeJob(job);
        }
      });
    }
    throw new IllegalStateException("jobs around " + processInstanceId + " keep coming");
  }

  protected static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  /**
   * Runs the due jobs of every playbook of the account, as the job executor would, until none is
   * left: the playbooks one event starts continue after their async start, and may tell each other.
   */
  protected void runPlaybooksOf(long accountId) {
    for (int round = 0; round < 50; round++) {
      List<Job> due = runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(accountId))
          .list().stream()
          .flatMap(instance -> management.createJobQuery().processInstanceId(instance.getId()).executable().list().stream())
          .toList();
      if (due.isEmpty()) {
        tellPeople();
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new IllegalStateException("jobs of account " + accountId + " keep coming");
  }

  /** Runs the jobs of one process instance that are due, as the job executor would. */
  protected void runJobs(String processInstanceId) {
    for (int round = 0; round < 20; round++) {
      List<Job> due = management.createJobQuery().processInstanceId(processInstanceId).executable().list();
      if (due.isEmpty()) {
        tellPeople();
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new IllegalStateException("jobs of " + processInstanceId + " keep coming");
  }

  /**
   * Tells people of their tasks now, as the digest sweep would once their window passed: every task
   * noted so far goes out (an urgent one on its own, the rest one digest per person or team).
   */
  protected void tellPeople() {
    if (taskDigests.tellNow() == 0) {
      return;
    }
    management.createJobQuery().executable().list().stream()
        .filter(job -> TELLING.contains(((JobEntity) job).getJobHandlerType()))
        .forEach(job -> management.executeJob(job.getId()));
  }

  private static final Set<String> TELLING = Set.of("csp-task-notification", "csp-task-digest");
}
