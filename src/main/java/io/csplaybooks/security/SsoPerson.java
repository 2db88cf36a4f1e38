package io.csplaybooks.security;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A person signed on through an OpenID provider: named by their user id in the application (which
 * the provider's claims were mapped to, see {@link SsoPeople}), with the application's teams, and the
 * provider's ID token kept for the provider's logout.
 */
final class SsoPerson extends DefaultOidcUser {

  private final String userId;

  SsoPerson(String userId, Collection<? extends GrantedAuthority> teams, OidcIdToken idToken, OidcUserInfo userInfo) {
    super(teams, idToken, userInfo);
    this.userId = userId;
  }

  @Override
  public String getName() {
    return userId;
  }

  SsoPerson withTeams(Collection<? extends GrantedAuthority> teams) {
    return new SsoPerson(userId, teams, getIdToken(), getUserInfo());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SsoPerson person && person.userId.equals(userId) && super.equals(other);
  }

  @Override
  public int hashCode() {
    return userId.hashCode();
  }
}
