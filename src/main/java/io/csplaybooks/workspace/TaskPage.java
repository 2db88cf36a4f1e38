package io.csplaybooks.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.account.Account;
import io.csplaybooks.account.Accounts;
import io.csplaybooks.common.ForbiddenException;
import io.csplaybooks.common.InvalidInputException;
import io.csplaybooks.common.NotFoundException;
import io.csplaybooks.security.People;
import io.csplaybooks.security.Person;
import io.csplaybooks.workspace.WorkspaceAccess.Audience;
import io.csplaybooks.workspace.WorkspaceAccess.Page;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A task in the workspace: its Camunda Form (the deployed .form, rendered by form-js in the browser,
 * its texts in the person's language) beside the account's facts, the task's playbook, due date and
 * owner; claim a team's task, complete your own. Tasklist shows the same task to those who prefer it.
 * The form is sent as JSON with the session's token in a header; refusals come back as words on the
 * fields they name.
 */
@Controller
class TaskPage {

  /** The texts form-js writes itself, and its validation messages, in the page's language. */
  private static final List<String> VIEWER_TEXTS = List.of("add", "collapse", "expand", "select", "search", "remove",
      "error.required", "error.pattern", "error.number", "error.decimals", "error.min", "error.max", "error.minLength",
      "error.maxLength", "error.email", "error.phone", "summary.invalid", "summary.failed");

  /** What the browser sends to complete a task: the form's values, and whether to send them as they are. */
  record Completion(Map<String, Object> values, boolean asItIs) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The most a form's values may weigh: 50 rows of every list with long texts are far below it. */
  static final int MAX_BODY_BYTES = 512 * 1024;

  private final TaskWork work;
  private final FormTranslations translations;
  private final FieldMessages fieldMessages;
  private final Accounts accounts;
  private final WorkspaceQueries queries;
  private final People people;
  private final TaskService tasks;
  private final MessageSource messages;

  TaskPage(TaskWork work, FormTranslations translations, FieldMessages fieldMessages, Accounts accounts,
      WorkspaceQueries queries, People people, TaskService tasks, MessageSource messages) {
    this.work = work;
    this.translations = translations;
    this.fieldMessages = fieldMessages;
    this.accounts = accounts;
    this.queries = queries;
    this.people = people;
    this.tasks = tasks;
    this.messages = messages;
  }

  @GetMapping("/tasks/{taskId}")
  @Page(Audience.EVERYONE)
  String task(@PathVariable String taskId, WorkspaceUser me, Locale locale, Model model) throws JsonProcessingException {
    TaskWork.OpenedTask opened = work.open(checked(taskId), me);
    var task = opened.task();
    model.addAttribute("taskId", task.getId());
    model.addAttribute("taskName", translations.taskName(task.getTaskDefinitionKey(), task.getName(), opened.values(),
        locale));
    model.addAttribute("playbook", opened.processKey() == null ? null
        : messages.getMessage("timeline.playbook." + opened.processKey(), null, opened.processName(), locale));
    model.addAttribute("due", task.getDueDate() == null ? null
        : LocalDateTime.ofInstant(task.getDueDate().toInstant(), ZoneId.systemDefault()));
    model.addAttribute("overdue", task.getDueDate() != null && task.getDueDate().toInstant()
        .isBefore(io.csplaybooks.common.EngineClock.now()));
    model.addAttribute("assignee", task.getAssignee());
    model.addAttribute("assigneeName", name(task.getAssignee()));
    model.addAttribute("teams", tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).sorted().toList());
    boolean mine = me.id().equals(task.getAssignee());
    model.addAttribute("mine", mine);
    model.addAttribute("workable", mine || task.getAssignee() != null && me.isManager());
    if (opened.accountId() != null && me.readsAccounts()) {
      Account account = accounts.findById(opened.accountId()).orElse(null);
      model.addAttribute("account", account);
      model.addAttribute("csmName", account == null ? null : name(account.csmId()));
      model.addAttribute("renewal", account == null ? null : queries.nextRenewal(account.id()).orElse(null));
    }
    model.addAttribute("accountId", opened.accountId());
    model.addAttribute("schema", JSON.writeValueAsString(translations.translate(opened.schema(), locale)));
    model.addAttribute("values", JSON.writeValueAsString(opened.values()));
    Map<String, String> texts = new LinkedHashMap<>();
    VIEWER_TEXTS.forEach(key -> texts.put(key, messages.getMessage("formjs." + key, null, locale)));
    model.addAttribute("viewerTexts", JSON.writeValueAsString(texts));
    model.addAttribute("locale", locale.toLanguageTag());
    return "workspace/task";
  }

  @PostMapping("/tasks/{taskId}/claim")
  @Page(Audience.EVERYONE)
  String claim(@PathVariable String taskId, WorkspaceUser me) {
    try {
      work.claim(checked(taskId), me);
    } catch (ForbiddenException | AuthorizationException e) {
      throw new WorkspaceInterceptor.PageRefused("task.refused");
    }
    return "redirect:/tasks/" + taskId;
  }

  /**
   * Completes the task with the form's values: 200 with the page to go to; 400 with each refusal on
   * its field; 409 with what the playbook would find missing (nothing sent); 403 when the person may
   * not work the task; 404 when they may not see it.
   */
  @PostMapping(path = "/tasks/{taskId}/complete", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Page(Audience.EVERYONE)
  @ResponseBody
  ResponseEntity<Map<String, Object>> complete(@PathVariable String taskId, HttpServletRequest request,
      WorkspaceUser me, Locale locale) throws IOException {
    // Read here, within a limit: more than any form sends is refused before it is parsed.
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    Completion completion;
    try {
      completion = body.length > MAX_BODY_BYTES ? null : JSON.readValue(body, Completion.class);
    } catch (JsonProcessingException e) {
      completion = null;
    }
    if (completion == null) {
      return answer(HttpStatus.BAD_REQUEST, "task.unreadable", List.of(), locale);
    }
    Map<String, Object> values = completion.values() == null ? Map.of() : completion.values();
    Long accountId;
    try {
      TaskWork.Completed completed = work.complete(checked(taskId), me, values, completion.asItIs());
      if (!completed.missing().isEmpty()) {
        return answer(HttpStatus.CONFLICT, "task.incomplete", fieldMessages.of(completed.missing(), locale), locale);
      }
      accountId = completed.accountId();
    } catch (NotFoundException e) {
      return answer(HttpStatus.NOT_FOUND, "task.gone", List.of(), locale);
    } catch (ForbiddenException | AuthorizationException e) {
      return answer(HttpStatus.FORBIDDEN, "task.refused", List.of(), locale);
    } catch (InvalidInputException e) {
      return answer(HttpStatus.BAD_REQUEST, "task.invalid", fieldMessages.of(e.errors(), locale), locale);
    } catch (ProcessEngineException e) {
      // A playbook's listener refused the values (the engine wraps what a listener throws), or the
      // engine refused the request itself (a task completed meanwhile, a value it cannot take).
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof InvalidInputException invalid) {
          return answer(HttpStatus.BAD_REQUEST, "task.invalid", fieldMessages.of(invalid.errors(), locale), locale);
        }
      }
      return answer(HttpStatus.BAD_REQUEST, "task.not-completed", List.of(), locale);
    }
    String next = accountId != null && me.readsAccounts() ? "/accounts/" + accountId : Home.landing(me);
    return ResponseEntity.ok(Map.of("next", next, "message", messages.getMessage("task.completed", null, locale)));
  }

  private ResponseEntity<Map<String, Object>> answer(HttpStatus status, String summary,
      List<FieldMessages.Shown> fields, Locale locale) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", messages.getMessage(summary, null, locale));
    body.put("fields", fields);
    return ResponseEntity.status(status).body(body);
  }

  private String name(String userId) {
    return userId == null ? null : people.find(userId).map(Person::displayName).orElse(userId);
  }

  /** A task id as the engine makes them: letters, digits and dashes, not too long. */
  private static String checked(String taskId) {
    if (taskId.length() > 64 || !taskId.matches("[A-Za-z0-9-]+")) {
      throw new NotFoundException("no task " + taskId);
    }
    return taskId;
  }
}
