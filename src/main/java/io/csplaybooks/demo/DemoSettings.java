package io.csplaybooks.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo's settings ({@code csp.demo}).
 *
 * @param password every demo person's password (CSP_DEMO_PASSWORD)
 * @param mailbox the SMTP server inside the app that catches the demo's mail
 */
@ConfigurationProperties("csp.demo")
public record DemoSettings(String password, @DefaultValue Mailbox mailbox) {

  /**
   * @param enabled whether the demo's mailbox runs (the demo profile turns it on)
   * @param port where it listens on 127.0.0.1; the demo profile points spring.mail.port here
   */
  public record Mailbox(boolean enabled, int port) {}
}
