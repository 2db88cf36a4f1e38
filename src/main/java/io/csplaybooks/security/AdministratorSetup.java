package io.csplaybooks.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first administrator of a real installation comes from the environment ({@code CSP_ADMIN_USER},
 * {@code CSP_ADMIN_PASSWORD}), never from whoever opens Camunda Admin first (that page is closed,
 * see {@link EngineAccessFilter}). Created once; later starts leave the user and their password as
 * the administrators keep them. The demo profile has its own demo administrator.
 */
@Component
@Order(-1)
class AdministratorSetup implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(AdministratorSetup.class);
  static final int MIN_PASSWORD_LENGTH = 12;

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final String userId;
  private final String password;

  @Autowired
  public AdministratorSetup(IdentityService identity, AuthorizationService authorizations, SecuritySettings settings) {
    this(identity, authorizations, settings.admin().user(), settings.admin().password());
  }

  AdministratorSetup(IdentityService identity, AuthorizationService authorizations, String userId, String password) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.userId = userId.trim();
    this.password = password;
  }

  @Override
  public void run(ApplicationArguments args) {
    ensureAdministratorsGroup();
    if (userId.isEmpty()) {
      if (identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
        LOG.warn("No administrator yet: set CSP_ADMIN_USER and CSP_ADMIN_PASSWORD and restart to create one");
      }
      return;
    }
    if (identity.createUserQuery().userId(userId).count() == 0) {
      if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
        throw new IllegalStateException("CSP_ADMIN_PASSWORD must have at least " + MIN_PASSWORD_LENGTH
            + " characters to create the administrator '" + userId + "'");
      }
      User user = identity.newUser(userId);
      user.setFirstName(userId);
      user.setLastName("(administrator)");
      user.setPassword(password);
      identity.saveUser(user);
      LOG.info("Created the administrator {}", userId);
    }
    if (identity.createUserQuery().userId(userId).memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
      identity.createMembership(userId, Groups.CAMUNDA_ADMIN);
    }
  }

  /** camunda-admin may do everything, as Camunda's own setup would grant it. */
  private void ensureAdministratorsGroup() {
    if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
      Group group = identity.newGroup(Groups.CAMUNDA_ADMIN);
      group.setName("Administrators");
      group.setType("SYSTEM");
      identity.saveGroup(group);
    }
    for (Resource resource : Resources.values()) {
      if (authorizations.createAuthorizationQuery().groupIdIn(Groups.CAMUNDA_ADMIN).resourceType(resource)
          .resourceId(ANY).count() == 0) {
        Authorization all = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        all.setGroupId(Groups.CAMUNDA_ADMIN);
        all.setResource(resource);
        all.setResourceId(ANY);
        all.addPermission(Permissions.ALL);
        authorizations.saveAuthorization(all);
      }
    }
  }
}
