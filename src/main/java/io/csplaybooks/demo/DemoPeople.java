package io.csplaybooks.demo;

import io.csplaybooks.security.Groups;
import io.csplaybooks.security.IdentitySetup;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Demo users in every team, and the CS pods the assign-csm decision table names. Demo profile only. */
@Component
class DemoPeople {

  private static final Logger LOG = LoggerFactory.getLogger(DemoPeople.class);

  record DemoUser(String id, String firstName, String lastName, List<String> groups) {}

  static final List<String> PODS = List.of("pod-strategic", "pod-enterprise-emea", "pod-enterprise-amer",
      "pod-growth", "pod-scale");

  static final List<DemoUser> USERS = List.of(
      new DemoUser("maria", "Maria", "Manager", List.of(Groups.CS_MANAGERS)),
      new DemoUser("carol", "Carol", "Success", List.of(Groups.CS, "pod-strategic", "pod-enterprise-emea")),
      new DemoUser("casey", "Casey", "Success", List.of(Groups.CS, "pod-enterprise-emea", "pod-growth", "pod-scale")),
      new DemoUser("chris", "Chris", "Success", List.of(Groups.CS, "pod-strategic", "pod-enterprise-amer", "pod-growth")),
      new DemoUser("sam", "Sam", "Salesmanager", List.of(Groups.SALES)),
      new DemoUser("alex", "Alex", "Executive", List.of(Groups.SALES)),
      new DemoUser("erin", "Erin", "Engineer", List.of(Groups.ENGINEERING)),
      new DemoUser("pat", "Pat", "Product", List.of(Groups.PRODUCT)));

  /** The teams of a demo user, for acting as them. */
  static List<String> groupsOf(String userId) {
    return USERS.stream().filter(u -> u.id().equals(userId)).findFirst().map(DemoUser::groups).orElse(List.of());
  }

  private final IdentityService identity;
  private final IdentitySetup setup;
  private final String password;

  DemoPeople(IdentityService identity, IdentitySetup setup, DemoSettings settings) {
    this.identity = identity;
    this.setup = setup;
    this.password = settings.password();
  }

  void ensure() {
    PODS.forEach(pod -> setup.ensureGroup(pod, "CS pod " + pod.substring(4), Groups.POD_TYPE));
    for (DemoUser demo : USERS) {
      if (identity.createUserQuery().userId(demo.id()).count() > 0) {
        continue;
      }
      User user = identity.newUser(demo.id());
      user.setFirstName(demo.firstName());
      user.setLastName(demo.lastName());
      user.setEmail(demo.id() + "@example.com");
      user.setPassword(password);
      identity.saveUser(user);
      demo.groups().forEach(group -> identity.createMembership(demo.id(), group));
      LOG.info("Created demo user {} in {}", demo.id(), demo.groups());
    }
  }
}
