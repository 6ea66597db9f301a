package dev.jwtsecurity.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.examples.story.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The demo page in real headless Chromium (Debian {@code chromium} + {@code chromium-driver}),
 * driven by Selenium with both binaries named explicitly (Selenium Manager never downloads
 * anything). Skipped, with a message, when they are not installed.
 */
class DemoBrowserTest {

  private static final Path CHROMIUM =
      Path.of(System.getProperty("demo.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("demo.chromedriver", "/usr/bin/chromedriver"));
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  private DemoServer demo;
  private HttpServer attacker;
  private ChromeDriverService service;
  private WebDriver driver;

  @BeforeEach
  void start(@TempDir Path profile) throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      System.err.println(
          "SKIPPED DemoBrowserTest: "
              + CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing; install the Debian packages chromium and chromium-driver");
    }
    assumeTrue(
        present,
        "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");

    demo =
        DemoServer.builder()
            .environment(Map.of("JWT_ACCESS_TOKEN_EXPIRE_MINUTES", "2"))
            .clock(clock)
            .port(0)
            .events(events::add)
            .stderr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .start();

    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1000,900",
        "--user-data-dir=" + profile.toAbsolutePath());
    driver = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (attacker != null) {
      attacker.stop(0);
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void page_loginAddTodoForgedPostAndLogout_behavesSecurely() throws Exception {
    // localhost, not 127.0.0.1: Chromium treats http://localhost as potentially trustworthy, so it
    // keeps the
    // Secure __Host- cookies there; the attacker page is on 127.0.0.1, another site.
    String origin = "http://localhost:" + demo.port();
    driver.get(origin + "/");
    type("username", "browser-user");
    type("password", "correct horse battery staple");
    driver.findElement(By.id("register-btn")).click();
    waitFor("account created", () -> text("status").contains("Account created"));
    type("password", "correct horse battery staple");
    driver.findElement(By.id("login-btn")).click();
    waitFor("the todo panel", () -> driver.findElement(By.id("app-panel")).isDisplayed());

    type("todo-title", "water the plants");
    driver.findElement(By.id("add-btn")).click();
    waitFor("the new todo", () -> todoTitles().contains("water the plants"));

    // The access token is in an HttpOnly cookie: present in the browser, invisible to page script.
    Cookie access = driver.manage().getCookieNamed("__Host-access_token");
    assertThat(access).isNotNull();
    assertThat(access.isHttpOnly()).isTrue();
    assertThat(access.isSecure()).isTrue();
    assertThat(access.getSameSite()).isEqualTo("Strict");
    String visible = (String) js().executeScript("return document.cookie;");
    assertThat(visible)
        .contains("__Host-csrf=")
        .doesNotContain("__Host-access_token")
        .doesNotContain("refresh_token");
    assertThat(visible).doesNotContain(access.getValue());

    // The session expires (server clock moves past the 2-minute lifetime); the page refreshes it on
    // the 401 and
    // retries, transparently.
    clock.advance(Duration.ofMinutes(3));
    type("todo-title", "after expiry");
    driver.findElement(By.id("add-btn")).click();
    waitFor("the todo added after a refresh", () -> todoTitles().contains("after expiry"));
    assertThat(logText()).contains("401").contains("refresh -> 200");
    screenshot("browser-demo.png");

    // A forged cross-site form post from another site (127.0.0.1 on another port) is refused.
    attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String forgery =
        "<!DOCTYPE html><html><body><form method=\"POST\" enctype=\"text/plain\" action=\""
            + origin
            + "/api/todos\"><input name='{\"title\":\"forged\",\"x\":\"' value='\"}'></form>"
            + "<script>document.forms[0].submit()</script></body></html>";
    attacker.createContext(
        "/",
        exchange -> {
          byte[] body = forgery.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    attacker.start();
    driver.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
    waitFor("the forged post to land", () -> driver.getCurrentUrl().startsWith(origin));
    String answer = driver.getPageSource();
    assertThat(answer).containsAnyOf("\"status\":401", "\"status\":403");
    driver.get(origin + "/");
    waitFor("the resumed session", () -> todoTitles().contains("water the plants"));
    assertThat(todoTitles()).doesNotContain("forged");

    // Logout clears the session: cookies gone, the API refuses, the login form is back.
    driver.findElement(By.id("logout-btn")).click();
    waitFor("the login form", () -> driver.findElement(By.id("login-panel")).isDisplayed());
    assertThat(driver.manage().getCookieNamed("__Host-access_token")).isNull();
    assertThat(driver.manage().getCookieNamed("__Host-csrf")).isNull();
    Object status =
        js().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/api/todos').then(r => done(r.status)).catch(() => done(-1));");
    assertThat(((Number) status).intValue()).isEqualTo(401);
    driver.navigate().refresh();
    waitFor(
        "the login form after reload",
        () -> driver.findElement(By.id("login-panel")).isDisplayed());
    screenshot("browser-demo-logged-out.png");
  }

  private void type(String id, String value) {
    WebElement e = driver.findElement(By.id(id));
    e.clear();
    e.sendKeys(value);
  }

  private String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  private String logText() {
    return text("log");
  }

  private List<String> todoTitles() {
    return driver.findElements(By.cssSelector("#todo-list li .title")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private JavascriptExecutor js() {
    return (JavascriptExecutor) driver;
  }

  private void screenshot(String name) throws IOException {
    File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target", name);
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Polls until the condition holds; fails with what was awaited and the page's status line. */
  private void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        last = e; // element not there yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "timed out waiting for " + what + " at " + driver.getCurrentUrl(), last);
  }
}
