package io.csplaybooks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.csplaybooks.support.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The demo's mail, as the demo profile sets it (its mailbox on, spring.mail pointed at the mailbox's
 * port): with GreenMail at hand the mailbox listens there; a build without GreenMail starts only when
 * an SMTP server answers at spring.mail, and otherwise refuses, saying what to set. Never a demo that
 * starts with nowhere to send its mail.
 */
class DemoMailConfigurationTest {

  @Configuration
  @EnableConfigurationProperties({DemoSettings.class, MailProperties.class})
  static class Settings {}

  private final ApplicationContextRunner demo = new ApplicationContextRunner()
      .withUserConfiguration(Settings.class, DemoMailbox.class, NoDemoMailbox.class)
      .withPropertyValues("csp.demo.mailbox.enabled=true", "spring.mail.host=127.0.0.1");

  @Test
  void withGreenMailTheDemoHasItsOwnMailboxWhereItSendsMail() {
    int port = Ports.free();
    demo.withPropertyValues("csp.demo.mailbox.port=" + port, "spring.mail.port=" + port).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(GreenMail.class);
      assertThat(answers(port)).as("an SMTP server at spring.mail.port").isTrue();
    });
  }

  @Test
  void withoutGreenMailAndNoServerAnsweringTheDemoRefusesToStartSayingWhatToSet() {
    int port = Ports.free();
    demo.withClassLoader(new FilteredClassLoader(GreenMail.class))
        .withPropertyValues("csp.demo.mailbox.port=" + port, "spring.mail.port=" + port).run(context -> {
          assertThat(answers(port)).isFalse();
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().isNotNull();
          assertThat(context.getStartupFailure()).hasStackTraceContaining("no SMTP server answers at 127.0.0.1:" + port)
              .hasStackTraceContaining("set spring.mail.host and spring.mail.port");
        });
  }

  @Test
  void withoutGreenMailTheDemoStartsWhenAnSmtpServerAnswers() throws IOException {
    try (ServerSocket smtp = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      demo.withClassLoader(new FilteredClassLoader(GreenMail.class))
          .withPropertyValues("spring.mail.port=" + smtp.getLocalPort()).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(GreenMail.class);
          });
    }
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
