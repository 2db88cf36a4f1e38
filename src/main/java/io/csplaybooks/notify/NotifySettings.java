package io.csplaybooks.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the application tells people: mail ({@code csp.mail}) and Slack beside it ({@code csp.slack}).
 * Bound at {@code csp} because the two channels have their own keys there; the mail server itself is
 * Spring Boot's {@code spring.mail.*}, and the links in a mail start at {@code csp.base-url}
 * ({@link io.csplaybooks.common.CommonSettings}).
 *
 * @param mail the sender of every mail and how long a failed mail is retried
 * @param slack who hears in Slack, and through which webhook or bot
 * @param taskDigest when the tasks that reached a person or team are told ({@link TaskDigests})
 */
@ConfigurationProperties("csp")
record NotifySettings(@DefaultValue Email mail, @DefaultValue SlackSettings slack, @DefaultValue Digest taskDigest) {

  /**
   * @param from the sender of every mail
   * @param retryCycle how long a mail step or task notification waits between tries before it becomes
   *     an incident (an engine retry cycle, e.g. PT1M,PT5M,PT30M,PT2H,PT6H)
   */
  public record Email(String from, String retryCycle) {}

  /**
   * @param poll how often one node looks for tasks to tell of
   * @param quiet a person's or team's tasks go out once no new one reached them for this long
   * @param window ... or once the oldest has waited this long, however many keep coming
   */
  public record Digest(@DefaultValue("PT5S") Duration poll, @DefaultValue("PT10S") Duration quiet,
      @DefaultValue("PT1M") Duration window) {}
}
