package io.csplaybooks.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A real browser for end-to-end tests: Debian's headless Chromium, driven by Debian's chromedriver,
 * as a person on a laptop (1366x900) who reads one language. Register it on a test class with
 * {@code @RegisterExtension final Browser browser = Browser.inEnglish();}: each test gets a fresh
 * browser with an empty profile, started when the test first uses it and quit after the test. On a Spring Boot test with a server port
 * (every {@link IntegrationTest}), paths open on the application; elsewhere call {@link #baseUrl}.
 *
 * <p>Screenshots go to {@code target/screenshots/<TestClass>/<step>.png}, at the steps a test names
 * and at the point a test fails (with the page's HTML beside it), so a failure in CI shows what the
 * person saw.
 *
 * <p>Nothing is downloaded: the binaries' paths are given to Selenium, so Selenium Manager never
 * runs. Without them a test is skipped, naming the packages to install, except in CI (the
 * {@code CI} environment variable), where a missing browser must fail the build rather than skip
 * its tests.
 */
public final class Browser implements BeforeEachCallback, AfterEachCallback {

  /** Debian's packages: chromium, chromium-driver. Other paths with -Dcsp.browser.chromium=... */
  static final Path CHROMIUM = Path.of(System.getProperty("csp.browser.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("csp.browser.chromedriver", "/usr/bin/chromedriver"));

  /** The longest a page may take to show what a test waits for; Tasklist's first load on 2 busy cores is slow. */
  public static final Duration PATIENCE = Duration.ofSeconds(30);

  /** Flags that work in a container without a display, GPU, large /dev/shm or network beyond loopback. */
  static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
      "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--window-size=1366,900");

  /**
   * Selenium looks for DevTools bindings of Chromium's exact version at every start and warns when
   * Debian's Chromium is newer than it knows; these tests use WebDriver only, never DevTools. Held
   * here so the logging system does not forget the level.
   */
  private static final java.util.logging.Logger CDP_VERSIONS = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.SEVERE);
    return logger;
  }

  private final String language;
  private ChromeDriver driver;
  private Path profile;
  private String baseUrl;
  private Path screenshots;

  private Browser(String language) {
    this.language = language;
  }

  public static Browser inEnglish() {
    return new Browser("en-US");
  }

  /** A browser whose interface and Accept-Language are the language, a BCP 47 tag such as {@code ko-KR}. */
  public static Browser inLanguage(String languageTag) {
    if (languageTag == null || !languageTag.matches("[a-z]{2,3}(-[A-Z]{2})?")) {
      throw new IllegalArgumentException("languageTag: a BCP 47 tag such as ko-KR, not " + languageTag);
    }
    return new Browser(languageTag);
  }

  /**
   * What the browser sends as Accept-Language: the tag, then its bare language ({@code ko-KR,ko}),
   * as a browser set up in that language does.
   */
  String acceptLanguages() {
    int dash = language.indexOf('-');
    return dash < 0 ? language : language + "," + language.substring(0, dash);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    requireInstalled();
    Class<?> testClass = context.getRequiredTestClass();
    screenshots = Path.of("target", "screenshots", testClass.getSimpleName());
    if (AnnotatedElementUtils.hasAnnotation(testClass, SpringBootTest.class)) {
      String port = SpringExtension.getApplicationContext(context).getEnvironment().getProperty("local.server.port");
      if (port != null) {
        baseUrl = "http://127.0.0.1:" + port;
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      if (driver != null && context.getExecutionException().isPresent()) {
        String step = context.getRequiredTestMethod().getName() + "-failed";
        try {
          screenshot(step);
          Files.writeString(screenshots.resolve(step + ".html"), driver.getPageSource());
        } catch (WebDriverException | IOException e) {
          context.getExecutionException().get().addSuppressed(e);
        }
      }
    } finally {
      if (driver != null) {
        driver.quit();
        driver = null;
      }
      deleteProfile();
      screenshots = null;
    }
  }

  private void deleteProfile() throws IOException {
    if (profile == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(profile)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
    profile = null;
  }

  private static void requireInstalled() {
    List<Path> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(p -> !Files.isExecutable(p)).toList();
    if (missing.isEmpty()) {
      return;
    }
    String message = "Browser tests need Debian's chromium and chromium-driver (apt-get install -y chromium"
        + " chromium-driver); missing: " + missing;
    if (System.getenv("CI") != null) {
      throw new IllegalStateException(message + ". In CI they must run: .ci/run installs them.");
    }
    Assumptions.abort(message);
  }

  /** The browser, started on first use in a test, so that a class may hold browsers in several languages. */
  public ChromeDriver driver() {
    if (screenshots == null) {
      throw new IllegalStateException("the browser runs only during a test");
    }
    if (driver == null) {
      driver = start();
    }
    return driver;
  }

  /** Starts Chromium with a fresh, empty profile. */
  private ChromeDriver start() {
    try {
      profile = Files.createTempDirectory("csp-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile, "--lang=" + language);
    // --lang sets navigator.language; the pref sets navigator.languages and the Accept-Language header.
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguages()));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver started = new ChromeDriver(service, options);
    // Before any of a page's own scripts, in every document: its Content-Security-Policy violations are
    // kept for cspViolations(). Through chromedriver's command, not DevTools bindings.
    started.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_RECORDER));
    return started;
  }

  private static final String CSP_RECORDER = """
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
          e.violatedDirective + ' at ' + (e.sourceFile || e.documentURI) + ':' + e.lineNumber + ' ' + (e.sample || '')));
      """;

  /**
   * What the page now open refused under its Content-Security-Policy since it loaded (an inline style,
   * a script from elsewhere): the directive, where, and the start of what was refused; empty when the
   * page keeps to its policy.
   */
  @SuppressWarnings("unchecked")
  public List<String> cspViolations() {
    Object recorded = script("return window.__cspViolations || null");
    if (recorded == null) {
      throw new IllegalStateException("no violations recorded on " + driver().getCurrentUrl());
    }
    return List.copyOf((List<String>) recorded);
  }

  /** Where relative paths open, for tests that are not on the application's server. */
  public Browser baseUrl(String url) {
    this.baseUrl = url;
    return this;
  }

  /** Opens a path of the application (or an absolute URL). */
  public void open(String pathOrUrl) {
    if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) {
      driver().get(pathOrUrl);
      return;
    }
    if (baseUrl == null) {
      throw new IllegalStateException("no base URL: not a Spring Boot test with a server port; call baseUrl(...)");
    }
    driver().get(baseUrl + pathOrUrl);
  }

  /** The path (and query and fragment) the browser is on. */
  public String currentPath() {
    URI uri = URI.create(driver().getCurrentUrl());
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
        + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
  }

  public WebDriverWait waiting() {
    return new WebDriverWait(driver(), PATIENCE);
  }

  /**
   * Waits until the page the element was on is gone (a form posted, the next page shown). Chromium
   * says so either as a stale element or, caught mid-navigation, as a node that does not belong to the
   * document; both mean the element was replaced.
   */
  public void replaced(WebElement element) {
    waiting().withMessage("the page to be replaced").until(d -> {
      try {
        element.isEnabled();
        return false;
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        return true;
      } catch (org.openqa.selenium.WebDriverException e) {
        if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
          return true;
        }
        throw e;
      }
    });
  }

  /** Waits until the element is visible, and returns it. */
  public WebElement visible(By locator) {
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  /**
   * Waits until an element the locator finds is visible and shows the text, and returns it. An element
   * of the page being left may go stale while it is read: that is the page changing, and the next look
   * finds the new one.
   */
  public WebElement visible(By locator, String text) {
    return waiting().withMessage(() -> "an element " + locator + " showing \"" + text + "\"")
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d ->
        d.findElements(locator).stream().filter(e -> e.isDisplayed() && e.getText().contains(text)).findFirst()
            .orElse(null));
  }

  /** Waits until the element is visible and enabled, then clicks it. */
  public void click(By locator) {
    waiting().until(ExpectedConditions.elementToBeClickable(locator)).click();
  }

  /** Waits until the field is visible, clears it and types the text. */
  public void type(By locator, String text) {
    WebElement field = visible(locator);
    field.clear();
    field.sendKeys(text);
  }

  /** Runs the script in the page and returns its result. */
  public Object script(String javascript, Object... args) {
    return driver().executeScript(javascript, args);
  }

  /** Saves what the browser shows as {@code target/screenshots/<TestClass>/<step>.png}. */
  public Path screenshot(String step) {
    if (!step.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("step: letters, digits, '.', '_' and '-' only, not " + step);
    }
    try {
      Files.createDirectories(screenshots);
      Path file = screenshots.resolve(step + ".png");
      Files.write(file, driver().getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Opens Tasklist, which sends a person who is not signed in to the application's login page, logs
   * in there and waits until Tasklist shows the person's task filters.
   */
  public void loginToTasklist(String user, String password) {
    open("/camunda/app/tasklist/");
    waiting().withMessage(() -> "Tasklist sending the browser to the login page; it is on " + driver().getCurrentUrl())
        .until(d -> URI.create(d.getCurrentUrl()).getPath().equals("/login"));
    type(By.id("username"), user);
    type(By.id("password"), password);
    click(By.id("login"));
    visible(TasklistPage.FILTERS);
  }

  /** Logs in through the application's login page and waits until the browser has left it. */
  public void loginToWorkspace(String user, String password) {
    loginToWorkspace(user, password, null);
  }

  /**
   * Logs in through the application's login page, asked for on the way to {@code next} (a path
   * such as {@code /my-book}), and waits until the browser is there.
   */
  public void loginToWorkspace(String user, String password, String next) {
    open(next == null ? "/login" : "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    type(By.id("username"), user);
    type(By.id("password"), password);
    click(By.id("login"));
    waiting().withMessage(() -> "leaving the login page for " + (next == null ? "the workspace" : next)
            + "; the browser is on " + driver().getCurrentUrl())
        .until(d -> next == null ? !URI.create(d.getCurrentUrl()).getPath().equals("/login")
            : currentPath().equals(next));
  }

  /**
   * Camunda Tasklist's elements a test looks for (Tasklist 7.24, an AngularJS app on hash routes),
   * chosen from its own markup: Angular's models and form names, the classes of its three columns,
   * and the link each task card has to its task.
   */
  public static final class TasklistPage {
    public static final By USERNAME = By.cssSelector("form[name=\"signinForm\"] input[ng-model=\"username\"]");
    public static final By PASSWORD = By.cssSelector("form[name=\"signinForm\"] input[ng-model=\"password\"]");
    public static final By LOGIN = By.cssSelector("form[name=\"signinForm\"] button[type=\"submit\"]");
    /** The filters in the left column; the first (by priority) is selected after login. */
    public static final By FILTERS = By.cssSelector(".task-filters .task-filter");
    public static final By SELECTED_FILTER = By.cssSelector(".task-filters .task-filter.active h4.name");
    /** The opened task's name, above its form. */
    public static final By TASK_NAME = By.cssSelector(".task-details .task-card h2.task");
    /** The task column's hint while no task is open ("Select a task in the list."). */
    public static final By NO_TASK = By.cssSelector(".task-details .no-task");
    /** A Camunda Form (form-js) rendered in the opened task. */
    public static final By FORM = By.cssSelector(".task-details form.fjs-form");

    private TasklistPage() {}

    /** The card of one task in the task list (the middle column). */
    public static By taskCard(String taskId) {
      return By.xpath("//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')][.//a[@href='#/?task=" + taskId
          + "']]");
    }

    /** The link on a task's card that opens it. */
    public static By taskLink(String taskId) {
      return By.cssSelector("ol.tasks-list li.task h4.task a[href=\"#/?task=" + taskId + "\"]");
    }

    /** A field of the opened task's Camunda Form, by the id of its component in the .form file. */
    public static By formField(String componentId) {
      return By.cssSelector(".task-details form.fjs-form [id$=\"-" + componentId + "\"]");
    }
  }
}
