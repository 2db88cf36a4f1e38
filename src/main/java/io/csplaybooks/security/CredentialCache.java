package io.csplaybooks.security;

import io.csplaybooks.common.EnginePlugin;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A person's successful HTTP Basic login on {@code /api} and {@code /engine-rest}, remembered for a
 * few seconds ({@code csp.security.credential-cache}; zero turns it off) with the person's groups
 * and tenants, so that a client sending many requests does not have its password checked and its
 * groups loaded again for each (three queries a request).
 *
 * <p>The trade-off: a changed password, a removed membership or a deleted user takes effect at once
 * on this node (any such change through the engine forgets every remembered login when it
 * commits), and on the other nodes of a cluster within the cache time. Only
 * successful logins are kept, under an HMAC of name and password with a key that lives in this
 * process alone, so the cache never holds a password and a wrong password always reaches the
 * engine (and {@link LoginThrottle}).
 */
@Component
class CredentialCache extends EnginePlugin {

  /** Logins remembered at most; past that, the ones that have run out are dropped, then all. */
  private static final int MAX_LOGINS = 10_000;

  /** The engine commands after which a remembered login may no longer be true. */
  private static final Set<Class<?>> IDENTITY_CHANGES = Set.of(SaveUserCmd.class, DeleteUserCmd.class,
      CreateMembershipCmd.class, DeleteMembershipCmd.class, DeleteGroupCmd.class, CreateTenantUserMembershipCmd.class,
      DeleteTenantUserMembershipCmd.class, CreateTenantGroupMembershipCmd.class, DeleteTenantGroupMembershipCmd.class,
      DeleteTenantCmd.class);

  /** Who logged in, with what the engine's authorization needs to know of them. */
  public record Login(String userId, List<String> groups, List<String> tenants) {}

  private record Remembered(Login login, long expiresAt) {}

  private final IdentityService identity;
  private final long ttlNanos;
  private final Map<String, Remembered> logins = new ConcurrentHashMap<>();
  private final AtomicLong changes = new AtomicLong();
  private final byte[] key = new byte[32];
  /** A Mac is not thread-safe and costs a key schedule to set up: one per thread, reset by each doFinal. */
  private final ThreadLocal<Mac> mac = ThreadLocal.withInitial(this::newMac);

  @Autowired
  public CredentialCache(@Lazy IdentityService identity, SecuritySettings settings) {
    this(identity, settings.security().credentialCache());
  }

  CredentialCache(IdentityService identity, Duration ttl) {
    this.identity = identity;
    this.ttlNanos = ttl.toNanos();
    new SecureRandom().nextBytes(key);
  }

  /** The person, if the password is right: remembered, or checked with the engine. */
  public Optional<Login> check(String userId, String password) {
    if (ttlNanos <= 0) {
      return load(userId, password);
    }
    String digest = digest(userId, password);
    long now = System.nanoTime();
    Remembered remembered = logins.get(digest);
    if (remembered != null && remembered.expiresAt() - now > 0) {
      return Optional.of(remembered.login());
    }
    long changesBefore = changes.get();
    Optional<Login> login = load(userId, password);
    if (login.isPresent() && changes.get() == changesBefore) {
      if (logins.size() >= MAX_LOGINS) {
        logins.values().removeIf(r -> r.expiresAt() - now <= 0);
        if (logins.size() >= MAX_LOGINS) {
          logins.clear();
        }
      }
      logins.put(digest, new Remembered(login.get(), now + ttlNanos));
      // A change that came between the check above and this put must not leave this login behind.
      if (changes.get() != changesBefore) {
        logins.remove(digest);
      }
    } else {
      logins.remove(digest);
    }
    return login;
  }

  /** Forgets every remembered login: the next request of each person is checked with the engine. */
  public void forgetAll() {
    changes.incrementAndGet();
    logins.clear();
  }

  private Optional<Login> load(String userId, String password) {
    if (!identity.checkPassword(userId, password)) {
      return Optional.empty();
    }
    return Optional.of(new Login(userId,
        identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList(),
        identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
            .map(Tenant::getId).toList()));
  }

  private String digest(String userId, String password) {
    Mac mac = this.mac.get();
    mac.update(userId.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // Inside the command's context, so that the commit can be heard.
    addPostCommandInterceptor(configuration, ForgetOnIdentityChange::new);
  }

  /** Forgets the remembered logins around a command that changes users, groups or memberships. */
  private final class ForgetOnIdentityChange extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (!IDENTITY_CHANGES.contains(command.getClass())) {
        return next.execute(command);
      }
      T result = next.execute(command);
      // Forgotten when the change commits: a login checked before then still (rightly) saw the old
      // password or teams, and one checked meanwhile is not kept (the count of changes moved on).
      CommandContext context = Context.getCommandContext();
      if (context == null) {
        forgetAll();
      } else {
        context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> forgetAll());
      }
      return result;
    }
  }
}
