package io.csplaybooks.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** A real SMTP server in the test JVM (GreenMail), shared by all integration tests. */
public final class TestMailServer {

  private static GreenMail server;
  private static int port;

  private TestMailServer() {}

  public static synchronized int port() {
    if (server == null) {
      port = Ports.free();
      start();
    }
    return port;
  }

  public static synchronized void start() {
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
  }

  /** Simulates an SMTP outage. */
  public static synchronized void stop() {
    server.stop();
  }

  public static void purge() throws Exception {
    server.purgeEmailFromAllMailboxes();
  }

  /** Subjects of the mails one address received. */
  public static List<String> subjectsTo(String address) throws MessagingException {
    List<String> subjects = new java.util.ArrayList<>();
    for (MimeMessage message : server.getReceivedMessages()) {
      if (Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address))) {
        subjects.add(subject(message));
      }
    }
    return subjects;
  }

  /** The mails one address received, oldest first. */
  public static List<MimeMessage> to(String address) throws MessagingException {
    List<MimeMessage> mails = new java.util.ArrayList<>();
    for (MimeMessage message : server.getReceivedMessages()) {
      if (Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address))) {
        mails.add(message);
      }
    }
    return mails;
  }

  /** The text of a plain-text mail, decoded by the charset it declares, its lines ended as Java ends them. */
  public static String text(MimeMessage message) {
    try {
      return ((String) message.getContent()).replace("\r\n", "\n");
    } catch (MessagingException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<MimeMessage> received() {
    return Arrays.asList(server.getReceivedMessages());
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
