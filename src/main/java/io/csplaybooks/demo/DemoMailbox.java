package io.csplaybooks.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's mailbox: an SMTP server inside the app, so a first run sends real mail with nothing
 * installed. {@code GET /api/demo/mailbox} shows what arrived. Runs in the demo profile only, in
 * {@code mvn spring-boot:run} and in the packaged jar alike (the jar carries GreenMail); a build
 * without GreenMail refuses the demo unless an SMTP server answers ({@link NoDemoMailbox}).
 */
@Configuration
@ConditionalOnProperty("csp.demo.mailbox.enabled")
@ConditionalOnClass(name = "com.icegreen.greenmail.util.GreenMail")
class DemoMailbox {

  @Bean(initMethod = "start", destroyMethod = "stop")
  GreenMail demoSmtpServer(DemoSettings settings) {
    return new GreenMail(new ServerSetup(settings.mailbox().port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  }

  record ReceivedMail(List<String> to, String subject, String body) {}

  @RestController
  @ConditionalOnProperty("csp.demo.mailbox.enabled")
  @ConditionalOnClass(name = "com.icegreen.greenmail.util.GreenMail")
  static class MailboxController {

    private final GreenMail smtp;

    MailboxController(GreenMail smtp) {
      this.smtp = smtp;
    }

    @GetMapping("/api/demo/mailbox")
    List<ReceivedMail> mailbox() throws MessagingException {
      MimeMessage[] received = smtp.getReceivedMessages();
      List<ReceivedMail> mails = new java.util.ArrayList<>();
      for (int i = received.length - 1; i >= 0; i--) {
        MimeMessage m = received[i];
        mails.add(new ReceivedMail(Arrays.stream(m.getAllRecipients()).map(Object::toString).toList(),
            m.getSubject(), text(m).replace("\r\n", "\n")));
      }
      return mails;
    }

    /** The text as the reader sees it: a Korean body arrives base64 or quoted-printable in UTF-8. */
    private static String text(MimeMessage m) throws MessagingException {
      try {
        return m.getContent() instanceof String text ? text : GreenMailUtil.getBody(m);
      } catch (IOException e) {
        throw new MessagingException("unreadable mail body", e);
      }
    }
  }
}
