package io.csplaybooks.notify;

import io.csplaybooks.notify.TaskNotices.Recipient;
import io.csplaybooks.notify.TaskNotices.Told;
import io.csplaybooks.security.Person;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * One digest: the tasks that reached a person or team in a window ({@link TaskDigests}), told in one
 * mail (per language) and one Slack message. Only what is still open and still theirs is listed; a
 * retry (the mail server or Slack failed) sends only what did not go out, by the digest's key. The
 * notices go with the job's transaction.
 */
class TaskDigestJobHandler implements JobHandler<TaskDigestJobHandler.Digest> {

  static final String TYPE = "csp-task-digest";

  /** The digest's id in {@code task_notice.digest_id}. */
  record Digest(String id) implements JobHandlerConfiguration {

    @Override
    public String toCanonicalString() {
      return id;
    }
  }

  private final TaskNotices notices;
  private final TaskMails mails;

  TaskDigestJobHandler(TaskNotices notices, TaskMails mails) {
    this.notices = notices;
    this.mails = mails;
  }

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public void execute(Digest digest, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
    Optional<Recipient> recipient = notices.recipientOf(digest.id());
    if (recipient.isEmpty()) {
      return;
    }
    List<Told> tasks = notices.told(digest.id());
    if (!tasks.isEmpty()) {
      String key = "digest:" + digest.id();
      Recipient to = recipient.get();
      Set<Person> people = new LinkedHashSet<>();
      mails.addEmailRecipients(to.id(), to.team(), people);
      mails.mail(key, tasks, people, to.team() ? to.id() : null);
      if (to.team()) {
        mails.postInSlack(key, to.id(), tasks);
      } else {
        mails.tellInSlack(key, to.id(), tasks);
      }
    }
    notices.deleteDigest(digest.id());
  }

  @Override
  public Digest newConfiguration(String canonicalString) {
    return new Digest(canonicalString);
  }

  @Override
  public void onDelete(Digest digest, JobEntity jobEntity) {
    // The notices stay until the digest told them; a deleted job's are told by no one, so let them go.
    notices.deleteDigest(digest.id());
  }
}
