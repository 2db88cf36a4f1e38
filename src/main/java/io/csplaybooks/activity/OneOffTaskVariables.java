package io.csplaybooks.activity;

import io.csplaybooks.playbook.PlaybookEvent;
import java.util.List;
import java.util.Map;

/**
 * The one-off task playbook's contract (bpmn/one-off-task.bpmn): every process variable its BPMN,
 * forms and Java share, and the events it hears ({@code PlaybookContractTest} checks it). The
 * application sets them all when it gives the task; a person's click sets only the notes.
 */
public final class OneOffTaskVariables {

  public static final String PLAYBOOK = "one-off-task";

  /** What to do, in a few words: the task's name. */
  public static final String TASK_TITLE = "taskTitle";
  public static final String TASK_DESCRIPTION = "taskDescription";
  /** The person who does it (a user id), or null when a team does. */
  public static final String TASK_ASSIGNEE = "taskAssignee";
  /** The team that does it (a candidate group), or null when a person does. */
  public static final String TASK_TEAM = "taskTeam";
  public static final String TASK_DUE = "taskDue";
  /** Who gave the task. */
  public static final String GIVEN_BY = "givenBy";
  /** What the person who did it noted. */
  public static final String TASK_NOTES = "taskNotes";
  /** What the CS manager did about the overdue task. */
  public static final String FOLLOW_UP_NOTES = "followUpNotes";

  /** The element ids the Java names. */
  public static final class Elements {
    public static final String DO_TASK = "doOneOffTask";
    public static final String FOLLOW_UP = "followUpOverdueTask";

    private Elements() {}
  }

  public static final Map<String, List<String>> VALUE_SETS = Map.of();

  public static final List<PlaybookEvent> HEARS = List.of(PlaybookEvent.ACCOUNT_CHURNED);

  private OneOffTaskVariables() {}
}
