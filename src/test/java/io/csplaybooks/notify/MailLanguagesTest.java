package io.csplaybooks.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.csplaybooks.handoff.HandoffApiTestData;
import io.csplaybooks.security.Groups;
import io.csplaybooks.security.Languages;
import io.csplaybooks.support.IntegrationTest;
import io.csplaybooks.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/**
 * Mail in the reader's language, on PostgreSQL and a real SMTP server: a person who chose Korean gets
 * their task and their new account in Korean, one who did not in English, and a customer in English;
 * Korean names, goals and account names arrive intact in subjects (encoded words) and UTF-8 bodies.
 */
class MailLanguagesTest extends IntegrationTest {

  static final String ACCOUNT = "한빛 물산";
  static final String GOAL = "고객 문의 응답 시간 30% 단축";

  @Autowired Languages languages;

  /** Jiho sells, Hana is a CSM and Minji a CS manager beside Mia; the three read Korean. */
  @BeforeEach
  void koreanReaders() {
    person("jiho", "지호", "이", Groups.SALES);
    person("hana", "하나", "김", Groups.CS);
    person("minji", "민지", "최", Groups.CS_MANAGERS);
    List.of("jiho", "hana", "minji").forEach(id -> languages.choose(id, Locale.KOREAN));
  }

  @Test
  void eachPersonReadsTheirTaskInTheirLanguage() throws Exception {
    String korean = incompleteBriefFor("jiho@example.com");
    String english = incompleteBriefFor("ada@example.com");

    MimeMessage toJiho = only("jiho@example.com", "작업: Complete handoff brief [" + korean + "]");
    assertEncoded(toJiho);
    assertThat(TestMailServer.text(toJiho)).contains("새 작업이 배정되었습니다: Complete handoff brief",
        "플레이북: Sales-to-CS handoff (" + korean + ")", "마감: ", "열기: http://localhost:8080/tasks/").doesNotContain("A task is");

    MimeMessage toAda = only("ada@example.com", "Task: Complete handoff brief [" + english + "]");
    assertThat(TestMailServer.text(toAda)).contains("A task is assigned to you: Complete handoff brief",
        "Playbook: Sales-to-CS handoff (" + english + ")", "Open it: http://localhost:8080/tasks/").doesNotContainPattern("[가-힣]");
  }

  @Test
  void aKoreanCsmHearsOfTheirNewAccountInKoreanAndTheCustomerInEnglish() throws Exception {
    String contractId = HandoffApiTestData.newContractId();
    String champion = "minsu-" + UUID.randomUUID().toString().substring(0, 8) + "@hanbit.example";
    Map<String, Object> deal = HandoffApiTestData.deal(contractId);
    // Above 250,000 in EMEA a CS manager confirms the CSM, and chooses Hana.
    deal.put("account", Map.of("name", ACCOUNT, "segment", "enterprise", "region", "EMEA"));
    deal.put("arr", 300000);
    deal.put("businessGoals", List.of(GOAL));
    deal.put("stakeholders", List.of(Map.of("name", "이민수", "role", "champion", "email", champion),
        Map.of("name", "박서연", "role", "executive-sponsor", "email", "seoyeon@hanbit.example")));
    Map<?, ?> created = handOff(deal);
    String instance = (String) created.get("processInstanceId");
    runPlaybooksAround(instance);
    Task review = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("reviewCsmAssignment").singleResult();
    // A team's task: each member reads it in their language, one mail per language.
    MimeMessage toMia = only("mia@example.com", "Task: Review CSM assignment [" + contractId + "]");
    assertThat(toMia.getAllRecipients()).extracting(Object::toString).containsExactly("mia@example.com");
    assertThat(TestMailServer.text(toMia)).contains("A task is waiting for your team: Review CSM assignment");
    MimeMessage toMinji = only("minji@example.com", "작업: Review CSM assignment [" + contractId + "]");
    assertThat(toMinji.getAllRecipients()).extracting(Object::toString).containsExactly("minji@example.com");
    assertThat(TestMailServer.text(toMinji)).contains("팀에 새 작업이 들어왔습니다: Review CSM assignment");
    assertThat(submitTask("mia", review, Map.of("csmId", "hana")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    runPlaybooksAround(instance);

    MimeMessage newAccount = only("hana@example.com", "새 고객사: " + ACCOUNT + " (enterprise, EMEA)");
    assertEncoded(newAccount);
    assertThat(TestMailServer.text(newAccount)).contains("하나님, 안녕하세요.", "이제 " + ACCOUNT + "의 담당 CSM이 되셨습니다.",
        "비즈니스 목표:\n  - " + GOAL, "이해관계자:\n  - 이민수, champion <" + champion + ">", "성공 기준:",
        "계약 " + contractId + ": ");
    only("hana@example.com", "작업: Hold kickoff [" + contractId + "]");

    MimeMessage introduction = only(champion, "Introducing your Customer Success Manager, 하나 김");
    assertEncoded(introduction);
    assertThat(TestMailServer.text(introduction)).contains("Dear 이민수,", "I am 하나 김, your Customer Success Manager",
        "make sure " + ACCOUNT + " reaches the goals you bought us for: " + GOAL + ".");
  }

  /** A closed deal with a gap in its brief: the brief goes back to the account executive as a task. */
  private String incompleteBriefFor(String accountExecutive) {
    String contractId = HandoffApiTestData.newContractId();
    Map<String, Object> deal = HandoffApiTestData.deal(contractId);
    deal.put("account", Map.of("name", ACCOUNT, "segment", "enterprise", "region", "EMEA"));
    deal.put("accountExecutive", accountExecutive);
    // Without goals the brief scores 75, below the 80 it takes to go to CS.
    deal.remove("businessGoals");
    Map<?, ?> created = handOff(deal);
    runJobs((String) created.get("processInstanceId"));
    return contractId;
  }

  /** The one mail with this subject to the address, its subject decoded. */
  private static MimeMessage only(String address, String subject) throws Exception {
    List<MimeMessage> mails = TestMailServer.to(address).stream().filter(m -> subject.equals(subjectOf(m))).toList();
    assertThat(mails).as("mails to " + address + " titled '" + subject + "', among "
        + TestMailServer.subjectsTo(address)).hasSize(1);
    return mails.get(0);
  }

  /** Korean travels as MIME wants it: the subject as UTF-8 encoded words, the body declared UTF-8. */
  private static void assertEncoded(MimeMessage mail) throws Exception {
    assertThat(mail.getHeader("Subject")[0]).startsWithIgnoringCase("=?UTF-8?");
    assertThat(mail.getContentType()).containsIgnoringCase("charset=UTF-8");
  }

  private static String subjectOf(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
