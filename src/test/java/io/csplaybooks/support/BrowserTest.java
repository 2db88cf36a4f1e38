package io.csplaybooks.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The browser the end-to-end tests use is the one they claim: a laptop-sized window, and a person
 * who reads Korean is Korean to both the page's scripts (navigator.language) and the server
 * (Accept-Language). A page on a local server shows the header the browser sent.
 */
class BrowserTest {

  @RegisterExtension final Browser english = Browser.inEnglish();
  @RegisterExtension final Browser korean = Browser.inLanguage("ko-KR");

  private HttpServer server;
  private String url;

  @BeforeEach
  void echoServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String language = String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Language"));
      byte[] page = ("<!doctype html><title>echo</title><p id=\"accept-language\">" + language + "</p>")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(page);
      }
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void aKoreanBrowserIsKoreanToScriptsAndToTheServer() {
    korean.open(url);

    assertThat(korean.visible(By.id("accept-language")).getText()).isEqualTo("ko-KR,ko;q=0.9");
    assertThat(korean.script("return navigator.language")).isEqualTo("ko-KR");
    assertThat(korean.script("return navigator.languages")).isEqualTo(List.of("ko-KR", "ko"));
  }

  @Test
  void anEnglishBrowserIsALaptopWindowAndSavesScreenshotsByTestClassAndStep() throws IOException {
    english.open(url);

    assertThat(english.visible(By.id("accept-language")).getText()).isEqualTo("en-US,en;q=0.9");
    assertThat(english.script("return navigator.language")).isEqualTo("en-US");
    assertThat(english.script("return [window.outerWidth, window.outerHeight]")).isEqualTo(List.of(1366L, 900L));
    Path shot = english.screenshot("echo");
    assertThat(shot).isEqualTo(Path.of("target", "screenshots", "BrowserTest", "echo.png"));
    byte[] png = Files.readAllBytes(shot);
    assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  @Test
  void refusesStepNamesThatAreNotFileNamesAndLanguagesThatAreNotTags() {
    assertThatThrownBy(() -> english.screenshot("../escape")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step");
    assertThatThrownBy(() -> Browser.inLanguage("korean")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("languageTag");
  }
}
