package io.csplaybooks.notify;

import io.csplaybooks.common.JobRetries;
import java.util.ArrayList;
import java.util.Map;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Every user task of every playbook notifies its assignee or candidate group by email, and in Slack
 * for those who want it ({@link SlackSettings}): urgent tasks at once, the rest in a digest per person
 * or team ({@link TaskDigests}). A CS manager who draws a new playbook gets this without wiring anything.
 */
@Component
class TaskNotificationPlugin extends AbstractProcessEnginePlugin {

  private final TaskMails mails;
  private final String retryCycle;
  private final TaskNotices notices;

  public TaskNotificationPlugin(TaskMails mails, NotifySettings settings, TaskNotices notices) {
    this.mails = mails;
    this.retryCycle = settings.mail().retryCycle();
    this.notices = notices;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomJobHandlers() == null) {
      configuration.setCustomJobHandlers(new ArrayList<>());
    }
    configuration.getCustomJobHandlers().add(new TaskNotificationJobHandler(mails));
    configuration.getCustomJobHandlers().add(new TaskDigestJobHandler(notices, mails));
    configuration.setFailedJobCommandFactory(new JobRetries(Map.of(TaskNotificationJobHandler.TYPE, retryCycle,
        TaskDigestJobHandler.TYPE, retryCycle)));
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    TaskNotificationListener listener = new TaskNotificationListener(notices);
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        var taskDefinition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, listener);
        taskDefinition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, listener);
      }
    });
  }
}
