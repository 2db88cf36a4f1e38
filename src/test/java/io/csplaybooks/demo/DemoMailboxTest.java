package io.csplaybooks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.csplaybooks.support.Ports;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The demo's mailbox shows a Korean mail as it was written, not in its transfer encoding. */
class DemoMailboxTest {

  @Test
  void koreanMailReadsAsWritten() throws Exception {
    int port = Ports.free();
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      // As the application sends: Spring Mail with its UTF-8 default (spring.mail.default-encoding).
      JavaMailSenderImpl sender = new JavaMailSenderImpl();
      sender.setHost("127.0.0.1");
      sender.setPort(port);
      sender.setDefaultEncoding("UTF-8");
      SimpleMailMessage mail = new SimpleMailMessage();
      mail.setFrom("cs-playbooks@localhost");
      mail.setTo("carol@example.com");
      mail.setSubject("새 고객사: 한빛 물산 (enterprise, APAC)");
      mail.setText("캐롤님, 안녕하세요.\n\n이제 한빛 물산의 담당 CSM이 되셨습니다.\n");
      sender.send(mail);

      List<DemoMailbox.ReceivedMail> box = new DemoMailbox.MailboxController(smtp).mailbox();

      assertThat(box).singleElement().satisfies(received -> {
        assertThat(received.subject()).isEqualTo("새 고객사: 한빛 물산 (enterprise, APAC)");
        assertThat(received.body()).isEqualTo("캐롤님, 안녕하세요.\n\n이제 한빛 물산의 담당 CSM이 되셨습니다.\n");
      });
    } finally {
      smtp.stop();
    }
  }
}
