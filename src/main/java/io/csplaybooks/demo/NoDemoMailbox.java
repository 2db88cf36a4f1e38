package io.csplaybooks.demo;

import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.context.annotation.Configuration;

/** The demo asked for its mailbox in a build without one (the production jar): says where mail goes instead. */
@Configuration
@ConditionalOnProperty("csp.demo.mailbox.enabled")
@ConditionalOnMissingClass("com.icegreen.greenmail.util.GreenMail")
class NoDemoMailbox {

  NoDemoMailbox(MailProperties mail) {
    LoggerFactory.getLogger(DemoMailbox.class).warn("The demo mailbox is not in this build (the production jar leaves"
        + " it out): mail goes to {}:{}; for the demo with its mailbox, run mvn spring-boot:run", mail.getHost(),
        mail.getPort());
  }
}
