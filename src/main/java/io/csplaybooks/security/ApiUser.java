package io.csplaybooks.security;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, whatever the door: a person with their teams (a password login, HTTP Basic,
 * single sign-on), or an integration token with its scopes (its id is "token:" and its name). Spring
 * Security holds it; teams are authorities named as the group, scopes are authorities named
 * "scope:" and the scope (a group id cannot hold a colon, so the two never meet).
 *
 * @param tenants the person's tenants when the login knew them, else null (the engine reads them)
 */
public record ApiUser(String id, List<String> groups, Set<String> scopes, List<String> tenants)
    implements Serializable {

  static final String TOKEN_PREFIX = "token:";
  static final String SCOPE_PREFIX = "scope:";

  static ApiUser person(String id, List<String> groups, List<String> tenants) {
    return new ApiUser(id, List.copyOf(groups), Set.of(), tenants == null ? null : List.copyOf(tenants));
  }

  static ApiUser token(String name, Set<String> scopes) {
    return new ApiUser(TOKEN_PREFIX + name, List.of(), Set.copyOf(scopes), List.of());
  }

  /** The caller of this request. */
  public static ApiUser current() {
    return of(SecurityContextHolder.getContext().getAuthentication())
        .orElseThrow(() -> new IllegalStateException("no authenticated caller in this request"));
  }

  /** The caller an authentication stands for: this principal, or a person named by any other login (single sign-on). */
  public static java.util.Optional<ApiUser> of(Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return java.util.Optional.empty();
    }
    if (authentication.getPrincipal() instanceof ApiUser user) {
      return java.util.Optional.of(user);
    }
    List<String> groups = new ArrayList<>();
    Set<String> scopes = new TreeSet<>();
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      String name = authority.getAuthority();
      if (name == null) {
        continue;
      }
      if (name.startsWith(SCOPE_PREFIX)) {
        scopes.add(name.substring(SCOPE_PREFIX.length()));
      } else if (!name.contains(":") && !name.startsWith("ROLE_") && !name.startsWith("SCOPE_")
          && !name.startsWith("OIDC_")) {
        groups.add(name);
      }
    }
    return java.util.Optional.of(new ApiUser(authentication.getName(), List.copyOf(groups), Set.copyOf(scopes), null));
  }

  /** The authorities Spring Security checks: a team is its group id, a scope "scope:" and its name. */
  public Collection<GrantedAuthority> authorities() {
    List<GrantedAuthority> authorities = new ArrayList<>();
    groups.forEach(group -> authorities.add(new SimpleGrantedAuthority(group)));
    scopes.forEach(scope -> authorities.add(new SimpleGrantedAuthority(SCOPE_PREFIX + scope)));
    return authorities;
  }

  public boolean isToken() {
    return id.startsWith(TOKEN_PREFIX);
  }

  public boolean inAny(String... groupIds) {
    for (String group : groupIds) {
      if (groups.contains(group)) {
        return true;
      }
    }
    return false;
  }

  public boolean isAdministrator() {
    return groups.contains(Groups.CAMUNDA_ADMIN);
  }
}
