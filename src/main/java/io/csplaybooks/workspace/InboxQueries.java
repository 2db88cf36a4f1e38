package io.csplaybooks.workspace;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The inbox's read model: open tasks of the engine with their playbook and their account's facts
 * (name, ARR, health), a page of them in one query, whatever the number of tasks or accounts. It
 * only reads: tasks change through the engine's API, accounts through theirs.
 */
@Repository
class InboxQueries {

  /**
   * Whose tasks: the person's own, the unassigned tasks of their teams (and those offered to them by
   * name), or, for CS managers, every open task (to see and move anyone's work).
   */
  enum View {
    MINE, QUEUE, ALL;

    static View of(String code) {
      return code == null || code.isBlank() ? MINE : switch (code) {
        case "mine" -> MINE;
        case "queue" -> QUEUE;
        case "all" -> ALL;
        default -> throw new io.csplaybooks.common.InvalidInputException("view", "must be mine, queue or all");
      };
    }

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** How the page is ordered; every order keeps overdue before the rest where it ties. */
  enum Sort {
    DUE("case when t.due_date_ < :now then 0 else 1 end, t.due_date_ nulls last, t.priority_ desc"),
    PRIORITY("t.priority_ desc, case when t.due_date_ < :now then 0 else 1 end, t.due_date_ nulls last"),
    ARR("a.arr desc nulls last, t.priority_ desc, t.due_date_ nulls last"),
    HEALTH("a.health_score nulls last, t.priority_ desc, t.due_date_ nulls last");

    final String orderBy;

    Sort(String orderBy) {
      this.orderBy = orderBy;
    }

    static Sort of(String code) {
      if (code == null || code.isBlank()) {
        return DUE;
      }
      for (Sort sort : values()) {
        if (sort.code().equals(code)) {
          return sort;
        }
      }
      throw new io.csplaybooks.common.InvalidInputException("sort", "must be due, priority, arr or health");
    }

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** ARR and health are account facts: only for those who may read them. */
    public boolean readsAccountFacts() {
      return this == ARR || this == HEALTH;
    }
  }

  /** What the person asked for; {@code assignee} narrows the view "all" to one person's tasks. */
  record Filter(View view, String playbook, boolean overdueOnly, Sort sort, int page, String assignee) {}

  /** A task of the inbox; the account's fields are null for a task about no account. */
  record Row(String id, String name, String taskKey, String assignee, Instant due, int priority, String playbookKey,
      String playbookName, Long accountId, String accountName, BigDecimal arr, String currency, Integer healthScore,
      String healthBand, boolean overdue) {}

  /** A page of the inbox and how many tasks match in all. */
  record Page(List<Row> rows, int total) {}

  private final JdbcClient jdbc;

  InboxQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A task's playbook and account: joined only to the page's tasks, or to order by the account's facts. */
  private static final String FACTS = """
      left join act_re_procdef d on d.id_ = t.proc_def_id_
      left join act_ru_variable v on v.proc_inst_id_ = t.proc_inst_id_ and v.execution_id_ = t.proc_inst_id_
                                 and v.name_ = 'accountId'
      left join account a on a.id = v.long_
      """;

  private static final String COLUMNS = """
      select t.id_ as task_id, t.name_ as task_name, t.task_def_key_, t.assignee_, t.due_date_, t.priority_,
             d.key_ as playbook_key, d.name_ as playbook_name, a.id as account_id, a.name as account_name,
             a.arr, a.currency, a.health_score, a.health_band
      """;

  /** The unassigned tasks offered to one of the groups, or to the person by name. */
  private static final String OFFERED = """
      t.assignee_ is null and exists (select 1 from act_ru_identitylink i where i.task_id_ = t.id_
        and i.type_ = 'candidate' and (i.user_id_ = :me or i.group_id_ in (:groups)))""";

  /**
   * One page of the person's inbox and how many tasks match. Tasks of suspended playbooks are left
   * out: nobody can work them. A task of no playbook (made by hand) has no playbook's key or name.
   * Ordered by the task's own columns, the page is cut from the tasks alone and only its rows meet
   * their playbook and account; ordered by ARR or health, every matching task meets its account.
   * The count reads the tasks alone.
   */
  Page page(String me, Collection<String> groups, Filter filter, int size, Instant now) {
    String where = switch (filter.view()) {
      case MINE -> "t.assignee_ = :me";
      case QUEUE -> OFFERED;
      case ALL -> filter.assignee() == null ? "1 = 1" : "t.assignee_ = :assignee";
    } + " and t.suspension_state_ = 1"
        + (filter.playbook() == null ? "" : " and t.proc_def_id_ in (select id_ from act_re_procdef where key_ = :playbook)")
        + (filter.overdueOnly() ? " and t.due_date_ < :now" : "");
    String order = " order by " + filter.sort().orderBy + ", t.id_";
    String rows = filter.sort().readsAccountFacts()
        ? COLUMNS + " from act_ru_task t " + FACTS + " where " + where + order + " limit :size offset :offset"
        : "with cut as (select t.* from act_ru_task t where " + where + order + " limit :size offset :offset) "
            + COLUMNS + " from cut t " + FACTS + order;
    List<Row> found = bind(jdbc.sql(rows), me, groups, filter, now).param("size", size)
        .param("offset", filter.page() * size).query((rs, n) -> row(rs, now)).list();
    int total = bind(jdbc.sql("select count(*) from act_ru_task t where " + where), me, groups, filter, now)
        .query(Integer.class).single();
    return new Page(found, total);
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, String me,
      Collection<String> groups, Filter filter, Instant now) {
    statement = statement.param("me", me)
        .param("groups", groups.isEmpty() ? List.of("") : groups)
        .param("now", Timestamp.from(now))
        .param("assignee", filter.assignee() == null ? "" : filter.assignee());
    return filter.playbook() == null ? statement : statement.param("playbook", filter.playbook());
  }

  /** The task, if it is unassigned and offered to one of the groups or the person: what they may claim. */
  Optional<String> claimable(String taskId, String me, Collection<String> groups) {
    return jdbc.sql("select t.id_ from act_ru_task t where t.id_ = :id and " + OFFERED)
        .param("id", taskId).param("me", me).param("groups", groups.isEmpty() ? List.of("") : groups)
        .query(String.class).optional();
  }

  /**
   * The account a playbook instance is about (its {@code accountId}), read alone rather than with
   * every variable of the instance as the engine's variable look-up does.
   */
  Optional<Long> accountOf(String processInstanceId) {
    return jdbc.sql("select long_ from act_ru_variable where proc_inst_id_ = :instance and execution_id_ = :instance"
            + " and name_ = :name and long_ is not null")
        .param("instance", processInstanceId).param("name", io.csplaybooks.playbook.AccountId.VARIABLE)
        .query(Long.class).optional();
  }

  /** Which of these tasks exist. */
  List<String> existing(Collection<String> taskIds) {
    return jdbc.sql("select id_ from act_ru_task where id_ in (:ids)").param("ids", taskIds)
        .query(String.class).list();
  }

  private static Row row(java.sql.ResultSet rs, Instant now) throws java.sql.SQLException {
    Timestamp due = rs.getTimestamp("due_date_");
    Object account = rs.getObject("account_id");
    return new Row(rs.getString("task_id"), rs.getString("task_name"), rs.getString("task_def_key_"),
        rs.getString("assignee_"),
        due == null ? null : due.toInstant(), rs.getInt("priority_"), rs.getString("playbook_key"),
        rs.getString("playbook_name"), account == null ? null : ((Number) account).longValue(),
        rs.getString("account_name"), rs.getBigDecimal("arr"), rs.getString("currency"),
        (Integer) rs.getObject("health_score", Integer.class), rs.getString("health_band"),
        due != null && due.toInstant().isBefore(now));
  }
}
