package io.csplaybooks.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The demo asked for its mailbox in a build without one (GreenMail left out of the jar): the demo's
 * year sends mail from its first deal, so with no SMTP server answering either, the app refuses to
 * start and says what to set, rather than play a year whose every mail becomes an incident.
 */
@Configuration
@ConditionalOnProperty("csp.demo.mailbox.enabled")
@ConditionalOnMissingClass("com.icegreen.greenmail.util.GreenMail")
class NoDemoMailbox {

  static final int CONNECT_TIMEOUT_MILLIS = 3000;

  NoDemoMailbox(MailProperties mail) {
    String host = mail.getHost() == null ? "localhost" : mail.getHost();
    int port = mail.getPort() == null ? 25 : mail.getPort();
    try (Socket smtp = new Socket()) {
      smtp.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      throw new IllegalStateException("The demo's mailbox is not in this build and no SMTP server answers at " + host
          + ":" + port + ": set spring.mail.host and spring.mail.port to a mail server that answers, or run a jar built"
          + " with its mailbox (mvn package)", e);
    }
    LoggerFactory.getLogger(DemoMailbox.class).warn("The demo mailbox is not in this build: the demo's mail goes"
        + " to the SMTP server at {}:{}", host, port);
  }
}
