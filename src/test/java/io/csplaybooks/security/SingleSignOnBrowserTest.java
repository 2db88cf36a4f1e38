package io.csplaybooks.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.support.Browser;
import io.csplaybooks.support.Browser.TasklistPage;
import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.TestIdentityProvider;
import java.net.URI;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Single sign-on in a real browser against a real OpenID provider ({@link TestIdentityProvider},
 * Spring Authorization Server on {@code localhost}; the application on {@code 127.0.0.1}): a person in
 * the provider's {@code cs} group signs on from the login page, is created with the CSM team and lands
 * in My book; Tasklist opens without a second login; logging out of either ends both, and the
 * workspace's logout ends the provider's session too. A group the configuration does not map gives no
 * team, and a provider's account named like a local user with a password does not become that user.
 * Screenshots in target/screenshots/SingleSignOnBrowserTest/.
 */
class SingleSignOnBrowserTest extends IntegrationTest {

  @RegisterExtension final Browser browser = Browser.inEnglish();

  @LocalServerPort int port;
  @Autowired IdentityService identity;

  @BeforeEach
  void providerKnowsWhereTheApplicationRuns() {
    TestIdentityProvider.application("http://127.0.0.1:" + port);
  }

  @Test
  void aCsmSignsOnLandsInMyBookAndTasklistOpensWithoutASecondLogin() {
    signOn("olivia", "/my-book");
    browser.visible(By.tagName("h1"));
    browser.screenshot("1-my-book");
    User olivia = identity.createUserQuery().userId("olivia").singleResult();
    assertThat(olivia.getFirstName()).isEqualTo("Olivia");
    assertThat(olivia.getEmail()).isEqualTo("olivia@idp.example");
    assertThat(teams("olivia")).containsExactly(Groups.CS);

    browser.open("/camunda/app/tasklist/default/");
    browser.visible(TasklistPage.FILTERS);
    assertThat(URI.create(browser.driver().getCurrentUrl()).getPath()).startsWith("/camunda/app/tasklist/");
    browser.screenshot("2-tasklist");

    // Tasklist's own logout ends the workspace's session too, and offers the provider's logout.
    browser.click(By.cssSelector("li.account.dropdown > a.dropdown-toggle"));
    browser.click(By.cssSelector("li.logout > a"));
    browser.waiting().until(d -> browser.currentPath().startsWith("/login?logout"));
    browser.screenshot("3-signed-out-of-tasklist");
    browser.click(By.id("provider-logout"));
    browser.waiting().until(d -> URI.create(d.getCurrentUrl()).getHost().equals("127.0.0.1")
        && browser.currentPath().startsWith("/login?logout"));
    browser.open("/my-book");
    browser.waiting().until(d -> browser.currentPath().startsWith("/login?next="));
    // Out of the provider too: signing on again asks for the password again.
    signOnAgain("olivia", "/my-book");
  }

  @Test
  void theWorkspacesLogoutEndsTasklistAndTheProvidersSession() {
    signOn("olivia", "/my-book");
    browser.open("/camunda/app/tasklist/default/");
    browser.visible(TasklistPage.FILTERS);

    browser.open("/my-book");
    browser.click(By.id("logout"));
    // Through the provider's end-session endpoint and back to the login page.
    browser.waiting().withMessage(() -> "back on the login page; the browser is on " + browser.driver().getCurrentUrl())
        .until(d -> browser.currentPath().startsWith("/login?logout"));
    browser.screenshot("1-signed-out");
    browser.open("/camunda/app/tasklist/default/");
    browser.waiting().until(d -> browser.currentPath().startsWith("/login?next="));
    // The provider forgot the person too: its login page comes again.
    browser.click(By.id("sso-" + TestIdentityProvider.REGISTRATION));
    atTheProvidersLoginPage();
  }

  @Test
  void aGroupTheConfigurationDoesNotMapGivesNoTeamAndTeamsFollowTheProvider() {
    signOn("walter", null);
    assertThat(teams("walter")).isEmpty();
    browser.open("/my-book");
    browser.visible(By.tagName("h1"));
    assertThat(browser.driver().getPageSource()).doesNotContain("Olivia Park");
    // In the webapps' session, the engine answers nobody in no team.
    browser.open("/camunda/app/tasklist/default/");
    Object engine = browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/camunda/api/engine/engine/default/task').then(r => done(r.status), e => done(String(e)));");
    assertThat(engine).isEqualTo(403L);
    browser.screenshot("1-no-team");

    // Mona leads the CS team at the provider: a CS manager here; when she leaves the group, she is not.
    signOutEverywhere();
    TestIdentityProvider.groups("mona", List.of("cs-leads", "everyone"));
    signOn("mona", "/my-book");
    assertThat(teams("mona")).containsExactly(Groups.CS_MANAGERS);
    identity.createMembership("mona", Groups.CS);
    signOutEverywhere();
    TestIdentityProvider.groups("mona", List.of("everyone"));
    signOn("mona", null);
    // The managed team goes; the team an administrator gave by hand (cs is also a mapped team, from cs-team) goes too.
    assertThat(teams("mona")).isEmpty();
    TestIdentityProvider.groups("mona", List.of("cs-leads", "everyone"));
  }

  @Test
  void aProvidersAccountNamedLikeALocalUserDoesNotBecomeThem() {
    browser.open("/login");
    browser.click(By.id("sso-" + TestIdentityProvider.REGISTRATION));
    atTheProvidersLoginPage();
    browser.type(By.id("username"), "root");
    browser.type(By.id("password"), TestIdentityProvider.PASSWORD);
    browser.click(By.cssSelector("button[type=submit]"));
    browser.waiting().until(d -> URI.create(d.getCurrentUrl()).getHost().equals("127.0.0.1")
        && URI.create(d.getCurrentUrl()).getPath().equals("/login"));
    browser.visible(By.cssSelector("p.error"), "root");
    browser.screenshot("1-refused");
    assertThat(identity.createUserQuery().userId("root").singleResult().getEmail()).isNotEqualTo("root@elsewhere.example");
    browser.open("/my-book");
    browser.waiting().until(d -> browser.currentPath().startsWith("/login?next="));
  }

  /** From a page that needs a login (or the login page), through the provider's login page, back to where the person was going. */
  private void signOn(String person, String page) {
    browser.open(page == null ? "/login" : page);
    browser.waiting().until(d -> URI.create(d.getCurrentUrl()).getPath().equals("/login"));
    signOnAgain(person, page);
  }

  private void signOnAgain(String person, String page) {
    browser.click(By.id("sso-" + TestIdentityProvider.REGISTRATION));
    atTheProvidersLoginPage();
    browser.type(By.id("username"), person);
    browser.type(By.id("password"), TestIdentityProvider.PASSWORD);
    browser.click(By.cssSelector("button[type=submit]"));
    browser.waiting().withMessage(() -> person + " back in the application; the browser is on "
            + browser.driver().getCurrentUrl())
        .until(d -> URI.create(d.getCurrentUrl()).getHost().equals("127.0.0.1")
            && (page == null ? !URI.create(d.getCurrentUrl()).getPath().equals("/login") : browser.currentPath().equals(page)));
  }

  private void atTheProvidersLoginPage() {
    browser.waiting().withMessage(() -> "the provider's login page; the browser is on " + browser.driver().getCurrentUrl())
        .until(d -> URI.create(d.getCurrentUrl()).getHost().equals("localhost")
            && URI.create(d.getCurrentUrl()).getPath().equals("/login"));
  }

  private void signOutEverywhere() {
    browser.open("/my-book");
    browser.click(By.id("logout"));
    browser.waiting().until(d -> browser.currentPath().startsWith("/login?logout"));
  }

  private List<String> teams(String user) {
    return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).sorted().toList();
  }
}
