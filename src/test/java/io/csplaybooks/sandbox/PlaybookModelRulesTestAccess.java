package io.csplaybooks.sandbox;

import io.csplaybooks.playbook.PlaybookEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** For other packages' tests: the bean names the model rules know, and the messages a deployment may wait for. */
public final class PlaybookModelRulesTestAccess {

  private PlaybookModelRulesTestAccess() {}

  public static Set<String> beanNames() {
    return PlaybookModelRulesTest.beanNames();
  }

  /** The application's events, the shipped triggers' and these declared ones. */
  public static List<String> sent(String... declared) {
    List<String> messages = new ArrayList<>(PlaybookModelRulesTest.withDeclared(PlaybookEvent.messages()));
    messages.addAll(List.of(declared));
    return messages;
  }
}
