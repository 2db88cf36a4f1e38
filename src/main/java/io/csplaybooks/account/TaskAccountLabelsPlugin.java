package io.csplaybooks.account;

import io.csplaybooks.playbook.AccountId;
import io.csplaybooks.playbook.PlaybookVariables;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Every user task of a playbook about an account carries the account's name (and the contract id
 * when the play has one) as its own variables, so Tasklist's task cards show whose work it is to
 * people who may read the task but not the process's variables.
 */
@Component
class TaskAccountLabelsPlugin extends AbstractProcessEnginePlugin {

  private final Accounts accounts;

  public TaskAccountLabelsPlugin(@Lazy Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    TaskListener labels = this::label;
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, labels);
      }
    });
  }

  private void label(DelegateTask task) {
    if (task.getVariable(AccountId.VARIABLE) instanceof Number accountId) {
      accounts.findById(accountId.longValue()).ifPresent(account -> task.setVariableLocal(PlaybookVariables.ACCOUNT_NAME, account.name()));
    }
    if (task.getVariable(PlaybookVariables.CONTRACT_ID) instanceof String contractId) {
      task.setVariableLocal(PlaybookVariables.CONTRACT_ID, contractId);
    }
  }
}
