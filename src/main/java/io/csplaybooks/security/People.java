package io.csplaybooks.security;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

/** The engine's users and groups, as the playbooks need them: who is who, who is in which team. */
@Service
public class People {

  private final IdentityService identity;

  public People(IdentityService identity) {
    this.identity = identity;
  }

  public Optional<Person> find(String userId) {
    if (userId == null || userId.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(identity.createUserQuery().userId(userId.trim()).singleResult()).map(People::person);
  }

  /** Finds a user by engine id or, as CRMs send it, by email address. */
  public Optional<Person> findByIdOrEmail(String idOrEmail) {
    if (idOrEmail == null || idOrEmail.isBlank()) {
      return Optional.empty();
    }
    Optional<Person> byId = find(idOrEmail);
    if (byId.isPresent()) {
      return byId;
    }
    return identity.createUserQuery().userEmail(idOrEmail.trim()).list().stream().findFirst().map(People::person);
  }

  /**
   * The member of the group with that engine id or email address, in one query: what intake asks
   * of every account executive. Empty when there is none (no such user, or not in the group).
   */
  public Optional<Person> findMemberByIdOrEmail(String idOrEmail, String groupId) {
    if (idOrEmail == null || idOrEmail.isBlank()) {
      return Optional.empty();
    }
    String key = idOrEmail.trim();
    // User ids cannot hold an '@' (the engine's resource id pattern), so an address is an email.
    var members = identity.createUserQuery().memberOfGroup(groupId);
    return (key.indexOf('@') >= 0 ? members.userEmail(key) : members.userId(key)).listPage(0, 1).stream().findFirst()
        .map(People::person);
  }

  public boolean isMember(String userId, String groupId) {
    return identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0;
  }

  public boolean groupExists(String groupId) {
    return groupId != null && !groupId.isBlank() && identity.createGroupQuery().groupId(groupId).count() > 0;
  }

  public List<Person> membersOf(String groupId) {
    if (groupId == null || groupId.isBlank()) {
      return List.of();
    }
    return identity.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
        .map(People::person)
        .toList();
  }

  public List<String> groupsOf(String userId) {
    return identity.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
  }

  private static Person person(User user) {
    return new Person(user.getId(), user.getFirstName(), user.getLastName(), user.getEmail());
  }
}
