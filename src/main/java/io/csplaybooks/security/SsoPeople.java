package io.csplaybooks.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person signing on through an OpenID provider becomes a user of the application: on their first
 * sign-on a user is created (id from the configured claim, name and address from the token) and tied
 * to the provider's issuer and subject for good; at every sign-on their teams follow the provider's
 * groups claim through {@code csp.security.sso.teams}. Only the teams named there are managed: a CS
 * pod or team an administrator gave by hand stays. A person whose groups map to no team signs on
 * with no team, and sees nothing.
 */
final class SsoPeople implements OAuth2UserService<OidcUserRequest, OidcUser> {

  private static final Logger LOG = LoggerFactory.getLogger(SsoPeople.class);
  /** What the application accepts as a user id (the engine's resource id pattern, application.yaml). */
  private static final Pattern USER_ID = Pattern.compile("[a-zA-Z0-9._-]{1,64}");

  private final OAuth2UserService<OidcUserRequest, OidcUser> provider;
  private final IdentityService identity;
  private final SsoLogins logins;
  private final SecuritySettings.Sso settings;
  private final TransactionTemplate transaction;

  SsoPeople(IdentityService identity, SsoLogins logins, SecuritySettings.Sso settings, TransactionTemplate transaction) {
    this(new OidcUserService(), identity, logins, settings, transaction);
  }

  SsoPeople(OAuth2UserService<OidcUserRequest, OidcUser> provider, IdentityService identity, SsoLogins logins,
      SecuritySettings.Sso settings, TransactionTemplate transaction) {
    this.provider = provider;
    this.identity = identity;
    this.logins = logins;
    this.settings = settings;
    this.transaction = transaction;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser signedOn = provider.loadUser(request);
    String issuer = String.valueOf(signedOn.getIdToken().getIssuer());
    String subject = signedOn.getSubject();
    String registration = request.getClientRegistration().getRegistrationId();
    String userId;
    try {
      userId = transaction.execute(status -> person(signedOn, issuer, subject, registration));
    } catch (DuplicateKeyException firstSignOnTwice) {
      // The same person's first sign-on in two tabs at once: the other one tied them already.
      userId = logins.userOf(issuer, subject).orElseThrow(() -> firstSignOnTwice);
    }
    Set<String> teams = teamsOf(signedOn);
    String id = userId;
    List<String> groups = transaction.execute(status -> followTeams(id, teams));
    List<GrantedAuthority> authorities = new ArrayList<>();
    groups.forEach(group -> authorities.add(new SimpleGrantedAuthority(group)));
    LOG.info("{} signed on through {} with the teams {}", userId, registration, groups);
    return new SsoPerson(userId, authorities, signedOn.getIdToken(), signedOn.getUserInfo());
  }

  /** The user this sign-on is: the one tied to the subject before, or a new one (or, if allowed, a local one) tied now. */
  private String person(OidcUser signedOn, String issuer, String subject, String registration) {
    Instant now = Instant.now();
    var known = logins.userOf(issuer, subject);
    if (known.isPresent()) {
      logins.seen(issuer, subject, now);
      User user = identity.createUserQuery().userId(known.get()).singleResult();
      if (user == null) {
        throw refused("user_removed", "your user '" + known.get() + "' was removed from the application: ask an"
            + " administrator");
      }
      update(user, signedOn);
      return user.getId();
    }
    String userId = userIdOf(signedOn);
    User existing = identity.createUserQuery().userId(userId).singleResult();
    if (existing != null) {
      if (logins.isLinked(userId)) {
        throw refused("user_taken", "the user '" + userId + "' signs on with another account: ask an administrator");
      }
      String email = signedOn.getEmail();
      if (!settings.linkLocalUsers() || email == null || existing.getEmail() == null
          || !existing.getEmail().trim().equalsIgnoreCase(email.trim())) {
        throw refused("user_exists", "the application has a user '" + userId + "' already, who signs in with a"
            + " password: ask an administrator to let single sign-on take it over (csp.security.sso.link-local-users,"
            + " with the same email address)");
      }
      logins.link(issuer, subject, userId, registration, now);
      update(existing, signedOn);
      LOG.info("Single sign-on through {} took over the user {} (same email address)", registration, userId);
      return userId;
    }
    User user = identity.newUser(userId);
    update(user, signedOn);
    logins.link(issuer, subject, userId, registration, now);
    LOG.info("Created the user {} at their first sign-on through {}", userId, registration);
    return userId;
  }

  /** Name and address as the provider knows them now; a user created here has no password. */
  private void update(User user, OidcUser signedOn) {
    String first = firstNonBlank(signedOn.getGivenName(), signedOn.getFullName(), user.getId());
    String last = firstNonBlank(signedOn.getFamilyName(), "");
    String email = signedOn.getEmail();
    boolean changed = !first.equals(user.getFirstName()) || !last.equals(user.getLastName() == null ? "" : user.getLastName())
        || email != null && !email.equals(user.getEmail());
    if (changed) {
      user.setFirstName(first);
      user.setLastName(last);
      if (email != null && !email.isBlank()) {
        user.setEmail(email.trim());
      }
      identity.saveUser(user);
    }
  }

  /** The teams the provider's groups map to (only groups named in csp.security.sso.teams count). */
  Set<String> teamsOf(OidcUser signedOn) {
    Set<String> teams = new TreeSet<>();
    for (String group : claimValues(signedOn.getClaims().get(settings.groupsClaim()))) {
      String team = settings.teams().get(group);
      if (team != null && !team.isBlank()) {
        teams.add(team.trim());
      }
    }
    return teams;
  }

  /** Adds the managed teams the person has now and removes those they left; returns every group they are in. */
  private List<String> followTeams(String userId, Set<String> teams) {
    Set<String> managed = new TreeSet<>(settings.teams().values());
    Set<String> current = new LinkedHashSet<>();
    identity.createGroupQuery().groupMember(userId).list().forEach(group -> current.add(group.getId()));
    for (String team : managed) {
      boolean member = current.contains(team);
      if (teams.contains(team) && !member) {
        if (identity.createGroupQuery().groupId(team).count() == 0) {
          LOG.warn("csp.security.sso.teams names the group '{}', which does not exist: {} is not added to it", team, userId);
          continue;
        }
        identity.createMembership(userId, team);
        current.add(team);
      } else if (!teams.contains(team) && member) {
        identity.deleteMembership(userId, team);
        current.remove(team);
      }
    }
    return List.copyOf(current);
  }

  private String userIdOf(OidcUser signedOn) {
    Object claim = signedOn.getClaims().get(settings.userIdClaim());
    String value = claim == null ? signedOn.getEmail() : claim.toString();
    if (value == null || value.isBlank()) {
      throw refused("no_user_id", "the provider's token has no '" + settings.userIdClaim() + "' claim to name you by");
    }
    value = value.trim();
    int at = value.indexOf('@');
    if (at > 0) {
      value = value.substring(0, at);
    }
    value = value.toLowerCase(Locale.ROOT);
    if (!USER_ID.matcher(value).matches()) {
      throw refused("bad_user_id", "'" + value + "' cannot be a user id here: letters, digits, '.', '_' and '-' only,"
          + " at most 64 (csp.security.sso.user-id-claim names the claim)");
    }
    return value;
  }

  /** A groups claim is a list of names, or one name (some providers send a single group as a string). */
  private static Collection<String> claimValues(Object claim) {
    List<String> values = new ArrayList<>();
    if (claim instanceof Collection<?> many) {
      many.stream().filter(v -> v != null).forEach(v -> values.add(v.toString()));
    } else if (claim != null) {
      values.add(claim.toString());
    }
    return values;
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return "";
  }

  private static OAuth2AuthenticationException refused(String code, String description) {
    return new OAuth2AuthenticationException(new OAuth2Error(code, description, null), description);
  }
}
