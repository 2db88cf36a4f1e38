package io.csplaybooks.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.account.Account;
import io.csplaybooks.advocacy.AdvocacyVariables;
import io.csplaybooks.feedback.FeedbackVariables;
import io.csplaybooks.handoff.HandoffVariables;
import io.csplaybooks.intervention.CorrectiveActions;
import io.csplaybooks.intervention.InterventionVariables;
import io.csplaybooks.onboarding.OnboardingVariables;
import io.csplaybooks.onboarding.SuccessPlanForm;
import io.csplaybooks.playbook.PlaybookVariables;
import io.csplaybooks.playbook.TaskForm;
import io.csplaybooks.qbr.QbrOutcomeForm;
import io.csplaybooks.qbr.QbrVariables;
import io.csplaybooks.renewal.RenewalVariables;
import io.csplaybooks.security.Groups;
import io.csplaybooks.trigger.QuietChurnVariables;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * How the demo's people work their tasks during the demo's year: who does a task (its assignee, or
 * the team's person: erin for engineering, pat for product, maria for CS managers, alex for sales,
 * the account's CSM for CS), on which day (most a few days after they arrive and before they are
 * due; forecasts near their checkpoint, QBR outcomes the day after the QBR, first value when the
 * customer reaches it), and what they type into the form, field by field as Tasklist would submit it.
 */
@Component
@Profile("demo")
class DemoWork {

  /** Work planned for the last two weeks is still open: the present the demo opens on. */
  static final int BACKLOG_DAYS = 14;
  /** The year-end NPS survey: Hooli's answer makes chris's advocacy ask, now overdue. */
  static final int SURVEY_DAYS_BEFORE_END = 16;
  /** 한빛 물산's Busan branch: a cross-sell whose expansion handoff is carol's current work. */
  static final int HANBIT_CROSS_SELL_DAYS_BEFORE_END = 10;
  /** The day of the year Hooli buys its add-on, after its second QBR showed the demand. */
  static final int HOOLI_ADD_ON_DAY = 200;

  record Context(Task task, DemoCustomer customer, Account account, LocalDate today, double level, LocalDate start,
      LocalDate end) {

    boolean is(String name) {
      return customer != null && customer.name().equals(name);
    }

    boolean korean() {
      return customer != null && customer.korean();
    }
  }

  /** Who completes the task, on which day, with which form fields. */
  record Step(String person, LocalDate on, Map<String, Object> fields) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TaskService tasks;
  private final RepositoryService repository;

  DemoWork(org.camunda.bpm.engine.ProcessEngine engine) {
    this.tasks = engine.getTaskService();
    this.repository = engine.getRepositoryService();
  }

  Optional<Step> next(Context c) {
    Task task = c.task();
    String key = task.getTaskDefinitionKey();
    String process = repository.getProcessDefinition(task.getProcessDefinitionId()).getKey();
    // Umbrella's save play has just started: the CSM has not got to it yet, which is where the demo opens.
    if ("churn-intervention".equals(process) && c.customer() != null
        && DemoYear.level(c.customer(), c.end(), c.start(), c.end()) < 0.35) {
      return Optional.empty();
    }
    String person = person(c);
    if (person == null) {
      return Optional.empty();
    }
    LocalDate created = date(task.getCreateTime());
    LocalDate due = task.getDueDate() == null ? null : date(task.getDueDate());
    Map<String, Object> f = new HashMap<>();
    LocalDate on = onTime(created.plusDays(3), due);
    switch (key) {
      case "reviewCsmAssignment" -> {
        Object proposed = tasks.getVariable(task.getId(), PlaybookVariables.CSM_ID);
        f.put(PlaybookVariables.CSM_ID, c.customer() != null && c.customer().strategic() && "AMER".equals(c.customer().region()) ? "chris"
            : proposed != null ? proposed : "carol");
        on = created.plusDays(1);
      }
      case "holdKickoff" -> {
        on = onTime(created.plusDays(4), due);
        f.put(HandoffVariables.KICKOFF_HELD_ON, c.today().toString());
        f.put(HandoffVariables.KICKOFF_NOTES, c.korean() ? "브리프 검토 완료, 담당자와 일정 합의" : "Walked through the brief with "
            + (c.customer() == null ? "the customer" : c.customer().champion()) + "; agreed the onboarding plan");
      }
      case "followUpOverdueKickoff" -> f.put(HandoffVariables.FOLLOW_UP_NOTES, "Kickoff booked for next week; the CSM was on leave");
      case "completeHandoffBrief", "completeOverdueHandoffBrief" -> {
        return Optional.empty();
      }
      case "setUpRequirement", "setUpNewRequirement" -> {
        on = onTime(created.plusDays(6), due);
        f.put(OnboardingVariables.SETUP_NOTES, "Configured with the customer's admin and tested end to end");
      }
      case "escalateOverdueSetup" -> f.put(OnboardingVariables.UNBLOCK_NOTES, "Got the customer's IT on a call; credentials arrived");
      case "buildSuccessPlan", "updateSuccessPlan", "closeOpenMilestones" -> successPlan(c, key, f);
      case "runTrainingSession" -> {
        on = onTime(created.plusDays(4), due);
        f.put(OnboardingVariables.TRAINING_HELD_ON, c.today().toString());
        f.put(OnboardingVariables.TRAINING_ATTENDEES, (long) Math.max(4, Math.min(40, c.customer() == null ? 10 : c.customer().seats() / 10)));
        f.put(OnboardingVariables.TRAINING_NOTES, c.korean() ? "상담원 대상 기본 기능 교육" : "Agents' basics and the admin console");
      }
      case "confirmFirstValue" -> {
        on = c.customer() == null ? created.plusDays(30)
            : contractStart(c).plusDays(c.customer().timeToFirstValueDays());
        f.put(OnboardingVariables.FIRST_VALUE_REACHED_ON, c.today().toString());
        f.put(OnboardingVariables.FIRST_VALUE_OUTCOME, c.korean() ? "첫 달 카카오톡 문의 40% 자동 분류" : "First goal in reach: "
            + (c.customer() == null ? "the first use case is live" : c.customer().goals().get(0).toLowerCase()
            + ", first use case live"));
      }
      case "reviewTimeToValue" -> {
        on = created.plusDays(2);
        f.put(OnboardingVariables.TIME_TO_VALUE_REVIEW, "Security review held up the integration; first value expected within two weeks");
      }
      case "scheduleAndPrepareQbr" -> {
        on = due == null ? created.plusDays(10) : due.minusDays(4);
        f.put(QbrVariables.SCHEDULED_FOR, qbrDate(task).map(LocalDate::toString).orElse(c.today().plusDays(14).toString()));
        f.put(QbrVariables.PREPARATION_NOTES, c.korean() ? "QBR 자료 준비 완료, 경영진 참석 확인" : "Agenda sent; sponsor confirmed");
      }
      case "followUpLateQbr" -> f.put(QbrVariables.FOLLOW_UP_NOTES, "QBR date confirmed with the CSM");
      case "recordQbrOutcome" -> {
        on = qbrDate(task).map(d -> d.plusDays(1)).orElse(created.plusDays(10));
        qbrOutcome(c, f);
      }
      case "pursueUpsellOpportunity" -> f.put(QbrVariables.OPPORTUNITY_NOTES, c.is("Hooli")
          ? "Nucleus team: 300 seats, quote sent to Gavin Belson" : "Discovery call booked with the sponsor");
      case "fixReportedBug" -> {
        on = onTime(created.plusDays(7), due);
        f.put(FeedbackVariables.FEEDBACK_RESOLUTION, "Fixed in release 4.2; the customer confirmed");
      }
      case "reviewProductFeedback" -> {
        on = onTime(created.plusDays(7), due);
        f.put(FeedbackVariables.FEEDBACK_RESOLUTION, "On the roadmap for next quarter; the CSM tells the customer");
      }
      case "diagnoseRisk" -> {
        on = created.plusDays(2);
        diagnosis(c, f);
      }
      case "fixCustomerBugs" -> f.put(InterventionVariables.BUG_FIX_NOTES, "Sync fix shipped in 4.3; the customer's data repaired");
      case "reviewMissingFeature" -> {
        f.put(InterventionVariables.FEATURE_DECISION, "workaround");
        f.put(InterventionVariables.FEATURE_NOTES, "A saved view covers it until the roadmap item ships");
      }
      case "runEnablementPlan" -> {
        on = onTime(created.plusDays(7), due);
        f.put(InterventionVariables.ENABLEMENT_NOTES, "Re-trained the order desk; office hours every Tuesday");
      }
      case "alignAccountAndSponsor" -> f.put(InterventionVariables.ALIGNMENT_NOTES, "Sponsor call held; sponsor backs the plan");
      case "chaseBugFixes", "chaseFeatureReview", "chaseEnablementPlan", "chaseAlignment" ->
          f.put(InterventionVariables.CHASE_NOTES, "Chased; new date agreed");
      case "agreeActionPlan" -> {
        on = created.plusDays(3);
        f.put(CorrectiveActions.FIELD, TaskForm.json(List.of(
            Map.of("action", "Weekly office hours for the new champion", "ownerTeam", "cs",
                "dueDate", c.today().plusDays(21).toString()),
            Map.of("action", "Verify the sync fix with the customer", "ownerTeam", "engineering",
                "dueDate", c.today().plusDays(14).toString()))));
      }
      case "decideOnAtRiskAccount" -> {
        on = created.plusDays(1);
        f.put(InterventionVariables.AT_RISK_DECISION, c.customer() != null && "churned".equals(c.customer().renewal().outcome()) ? "accept"
            : "continue");
        f.put(InterventionVariables.DECISION_NOTES, "Decided in the weekly risk review");
      }
      case "engageExecutiveSponsor" -> f.put(InterventionVariables.SPONSOR_NOTES, "Executive call held");
      case "updateRenewalForecast" -> {
        on = due == null ? created.plusDays(3) : due.minusDays(3);
        f.put(RenewalVariables.FORECAST, forecast(c));
        f.put(RenewalVariables.FORECAST_NOTES, c.korean() ? "재계약 논의 순조로움" : "From the last QBR and the health trend");
      }
      case "chaseRenewalForecast" -> f.put(RenewalVariables.CHASE_NOTES, "Forecast updated in the pipeline review");
      case "recordRenewalOutcome" -> {
        on = renewalDate(task).map(d -> d.minusDays(14)).orElse(created.plusDays(7));
        renewalOutcome(c, f);
      }
      case "reviewExpansion" -> f.put(HandoffVariables.EXPANSION_NOTES, c.korean() ? "부산 지사 담당자와 킥오프 완료"
          : "Nucleus team lead met; same playbook as the main team");
      case "askForAdvocacy" -> {
        f.put(AdvocacyVariables.ADVOCACY_ANSWER, "agreed");
        f.put(AdvocacyVariables.ADVOCACY_KIND, "case-study");
        f.put(AdvocacyVariables.ADVOCACY_NOTES, "Happy to show their first-response times at our user conference");
      }
      case "prepareCustomerStory" -> {
        on = onTime(created.plusDays(10), due);
        f.put(AdvocacyVariables.STORY_NOTES, "Case study drafted with the customer's support lead; approved by their marketing");
      }
      case "reviewQuietChurn" -> {
        on = onTime(created.plusDays(2), due);
        f.put(QuietChurnVariables.FINDING, c.korean() ? "담당 관리자가 퇴사해 도입이 멈춤; 새 담당자와 교육 일정 합의"
            : "Their admin left and nobody drives the rollout; new admin named, training booked");
        f.put(QuietChurnVariables.ACTION, "re-engage");
      }
      case "followUpQuietChurn" -> f.put(QuietChurnVariables.FOLLOW_UP_NOTES, "Reviewed with the CSM; the customer call is booked");
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(new Step(person, on.isBefore(created) ? created : on, f));
  }

  /** A few days after it arrived, but by its due date. */
  private static LocalDate onTime(LocalDate planned, LocalDate due) {
    return due != null && due.isBefore(planned) ? due : planned;
  }

  /** The person who does the task: its assignee, else the person of the team it waits for. */
  private String person(Context c) {
    Task task = c.task();
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    List<String> groups = new ArrayList<>();
    for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    if (groups.contains(Groups.ENGINEERING)) {
      return "erin";
    }
    if (groups.contains(Groups.PRODUCT)) {
      return "pat";
    }
    if (groups.contains(Groups.CS_MANAGERS)) {
      return "maria";
    }
    if (groups.contains(Groups.SALES)) {
      return "alex";
    }
    if (groups.contains(Groups.CS) && c.account() != null) {
      return c.account().csmId();
    }
    return null;
  }

  private void successPlan(Context c, String key, Map<String, Object> f) {
    String id = c.task().getId();
    String goals = text(tasks.getVariable(id, QbrVariables.PLAN_GOALS));
    List<Map<String, Object>> kpis = rowsOf(tasks.getVariable(id, SuccessPlanForm.KPIS));
    List<Map<String, Object>> milestones = rowsOf(tasks.getVariable(id, SuccessPlanForm.MILESTONES));
    if (kpis.isEmpty()) {
      String due = c.today().plusMonths(6).toString();
      kpis = c.korean()
          ? List.of(kpi("주간 활성 사용률", "%", 20, 80, due), kpi("평균 첫 응답 시간", "시간", 8, 4, due))
          : List.of(kpi("Weekly active users", "%", 20, 80, due), kpi("First response time", "hours", 8, 2, due));
    }
    if ("updateSuccessPlan".equals(key) && c.is("Hooli") && !goals.contains("Nucleus")) {
      goals = goals + "\nBring the Nucleus team's support onto the platform";
    }
    if ("closeOpenMilestones".equals(key)) {
      milestones.forEach(m -> m.put("status", "done"));
    }
    f.put(QbrVariables.PLAN_GOALS, goals);
    f.put(SuccessPlanForm.CHALLENGES, c.korean() ? "지사별 상담 프로세스 통일" : "Agents used to the old tool");
    f.put(SuccessPlanForm.KPIS, TaskForm.json(kpis));
    f.put(SuccessPlanForm.MILESTONES, TaskForm.json(milestones));
  }

  private static Map<String, Object> kpi(String name, String unit, int baseline, int target, String due) {
    Map<String, Object> kpi = new HashMap<>();
    kpi.put("name", name);
    kpi.put("unit", unit);
    kpi.put("baseline", baseline);
    kpi.put("target", target);
    kpi.put("dueDate", due);
    return kpi;
  }

  private void qbrOutcome(Context c, Map<String, Object> f) {
    String id = c.task().getId();
    int round = tasks.getVariable(id, QbrVariables.ROUND) instanceof Number n ? n.intValue() : 1;
    f.put(QbrVariables.QBR_HELD_ON, c.today().toString());
    // Each KPI moves from its baseline towards its target as far as the customer is healthy.
    List<Map<String, Object>> values = rowsOf(tasks.getVariable(id, QbrOutcomeForm.KPI_VALUES));
    for (Map<String, Object> kpi : values) {
      String name = text(kpi.get("name"));
      boolean time = name.contains("time") || name.contains("시간");
      kpi.put("currentValue", time ? Math.round(8 - 6 * c.level() * Math.min(1, round / 3.0))
          : Math.round(20 + 60 * c.level() * Math.min(1, 0.5 + round / 4.0)));
    }
    f.put(QbrOutcomeForm.KPI_VALUES, TaskForm.json(values));
    f.put(QbrVariables.OUTCOME_NOTES, c.korean() ? "경영진이 성과에 만족, 부산 지사 확대 검토 중" : c.level() >= 0.75
        ? "Sponsor pleased with the trend; next steps agreed" : "Adoption behind plan; agreed a training push");
    if (c.is("Hooli") && round == 2) {
      f.put(QbrVariables.EXPANSION_SIGNALS, "The Nucleus team (300 engineers) wants the same setup");
    }
    if (c.is("Initech") && round == 3) {
      f.put(QbrVariables.EXPANSION_SIGNALS, "The Berlin support centre asks for seats at renewal");
    }
    if (round == 1 && c.is("Initech")) {
      f.put(FeedbackVariables.FEEDBACK_ITEMS, TaskForm.json(List.of(feedback("feature-request", "Reporting", "Scheduled exports to SharePoint"))));
    } else if (round == 2 && c.is("Stark Manufacturing")) {
      f.put(FeedbackVariables.FEEDBACK_ITEMS, TaskForm.json(List.of(feedback("bug", "Integrations", "SAP work orders arrive twice after a sync retry"))));
    } else if (round == 1 && c.korean()) {
      f.put(FeedbackVariables.FEEDBACK_ITEMS, TaskForm.json(List.of(feedback("feature-request", "Localization", "한국어 답변 템플릿 기본 제공"))));
    }
  }

  private static void diagnosis(Context c, Map<String, Object> f) {
    f.put(InterventionVariables.reasonField("low-adoption"), true);
    if (c.is("Vandelay Industries")) {
      f.put(InterventionVariables.reasonField("champion-left"), true);
      f.put(InterventionVariables.reasonField("product-bugs"), true);
      f.put(InterventionVariables.BUG_LIST, "NetSuite sync drops orders with more than 50 lines");
      f.put(InterventionVariables.DIAGNOSIS_NOTES, "Art Vandelay moved on; the new order desk lead never got trained, and the sync bug"
          + " made them stop trusting the tool");
    } else {
      f.put(InterventionVariables.DIAGNOSIS_NOTES, "Usage fell after a reorganisation; agents went back to email");
    }
  }

  private static String forecast(Context c) {
    if (c.customer() != null && "churned".equals(c.customer().renewal().outcome())) {
      return c.level() < 0.5 ? "lost" : "at-risk";
    }
    String band = c.account() == null ? null : c.account().healthBand();
    return "red".equals(band) ? "at-risk" : "yellow".equals(band) ? "likely" : "commit";
  }

  private static void renewalOutcome(Context c, Map<String, Object> f) {
    DemoCustomer.Renewal renewal = c.customer() == null ? DemoCustomer.Renewal.renewed() : c.customer().renewal();
    f.put(RenewalVariables.RENEWAL_OUTCOME, renewal.outcome());
    if (renewal.newArr() != null) {
      f.put(RenewalVariables.NEW_ARR, renewal.newArr());
    }
    if (renewal.churnReason() != null) {
      f.put(PlaybookVariables.CHURN_REASON, renewal.churnReason());
    }
  }

  static String npsComment(DemoCustomer c, int nps) {
    if (c.korean()) {
      return nps >= 7 ? "도입 후 응답 속도가 눈에 띄게 빨라졌습니다" : "지사 교육이 더 필요합니다";
    }
    return nps >= 9 ? "Our agents would not go back" : nps >= 7 ? "Works well, reporting could be better"
        : nps >= 5 ? "Useful, but the team struggles with it" : "Too slow for our agents";
  }

  private Optional<LocalDate> qbrDate(Task task) {
    return Optional.ofNullable(tasks.getVariable(task.getId(), QbrVariables.QBR_DATE)).filter(Date.class::isInstance)
        .map(d -> date((Date) d));
  }

  private Optional<LocalDate> renewalDate(Task task) {
    return Optional.ofNullable(tasks.getVariable(task.getId(), RenewalVariables.RENEWAL_DATE)).filter(Date.class::isInstance)
        .map(d -> date((Date) d));
  }

  private LocalDate contractStart(Context c) {
    Object start = tasks.getVariable(c.task().getId(), OnboardingVariables.CONTRACT_START);
    return start instanceof Date d ? date(d) : date(c.task().getCreateTime());
  }

  private static LocalDate date(Date date) {
    return LocalDate.ofInstant(date.toInstant(), ZoneId.systemDefault());
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static Map<String, Object> feedback(String kind, String theme, String description) {
    return Map.of("kind", kind, "theme", theme, "description", description);
  }

  /** The rows a task's list was filled with (a Json value), each one a map to change. */
  private static List<Map<String, Object>> rowsOf(Object value) {
    if (value == null) {
      return new ArrayList<>();
    }
    try {
      List<Map<String, Object>> rows = JSON.readValue(value.toString(), new TypeReference<>() {});
      return new ArrayList<>(rows.stream().map(HashMap::new).map(m -> (Map<String, Object>) m).toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the task's list is not rows: " + value, e);
    }
  }
}
