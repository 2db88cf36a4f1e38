package io.csplaybooks.demo;

import static io.csplaybooks.demo.DemoCustomer.Day.beforeEnd;
import static io.csplaybooks.demo.DemoCustomer.Day.of;

import io.csplaybooks.demo.DemoCustomer.Day;
import io.csplaybooks.demo.DemoCustomer.Renewal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's customers and what their year holds, in the order sales closes them. The order matters:
 * the least-loaded CSM of a pod gets each new customer, so it decides who owns whom (casey the scaled
 * accounts and Umbrella Health, carol Initech, Stark and 한빛 물산, chris Hooli (a CS manager's
 * choice: strategic), Vandelay and Cyberdyne) and leaves carol with the fewest open accounts of the
 * EMEA pod at the end, so that the tour's Globex handoff (docs/daily-work.md) reaches her.
 */
final class DemoPortfolio {

  private DemoPortfolio() {}

  static final List<DemoCustomer> CUSTOMERS = List.of(
      // Churns at its renewal (yellow, declining): merged into its parent, whose own platform replaces ours.
      new DemoCustomer("Wayne Logistics", "CRM-WAYNE", "scaled", "APAC", 8000, of(3), of(7),
          List.of("Track every shipment exception within one hour"), List.of("90% of exceptions closed in the tool"),
          List.of("Shipment exception desk"), List.of("CSV import from the TMS"), List.of("Small team, no admin"),
          "Lucius Fox", "Bruce Wayne", "wayne-logistics.example", 25, 25,
          levels(of(0), 0.78, of(150), 0.74, of(260), 0.62, of(330), 0.57),
          new Renewal("churned", null, "Merged into Wayne Enterprises; exceptions move to the parent's in-house platform"),
          false),
      // Renews expanded: a second support centre joins.
      new DemoCustomer("Initech", "CRM-INITECH", "enterprise", "EMEA", 180000, of(5), of(10),
          List.of("Cut support costs by 15%"), List.of("80% of agents active weekly by month 3"),
          List.of("Ticket deflection", "Agent assist"), List.of("SSO with Azure AD", "Zendesk integration"),
          List.of("Two earlier tools failed to get adoption"), "Bill Lumbergh", "Peter Gregory", "initech.example", 400, 40,
          levels(of(0), 0.72, of(90), 0.82, of(250), 0.86),
          new Renewal("expanded", 210000L, null), false),
      // The promoter: strategic, green all year, buys an add-on mid-year and renews.
      new DemoCustomer("Hooli", "CRM-HOOLI", "strategic", "AMER", 750000, of(10), of(14),
          List.of("One support platform for every Hooli product"), List.of("First response under 1 hour for 95% of tickets"),
          List.of("Omnichannel support", "Knowledge base"), List.of("SSO with Okta", "Salesforce integration"),
          List.of("Many stakeholders across product lines"), "Gavin Belson", "Denpok Singh", "hooli.example", 1500, 50,
          levels(of(0), 0.80, of(60), 0.92), Renewal.renewed(), false),
      // Renews contracted: two plants closed, fewer seats.
      new DemoCustomer("Stark Manufacturing", "CRM-STARK", "enterprise", "EMEA", 220000, of(18), of(25),
          List.of("Cut unplanned maintenance tickets by 25%"), List.of("Every plant on the platform by month 4"),
          List.of("Field service tickets"), List.of("SAP PM integration"), List.of("Plants run their own IT"),
          "Pepper Potts", "Tony Stark", "stark-manufacturing.example", 600, 45,
          levels(of(0), 0.70, of(180), 0.66, of(230), 0.56, of(300), 0.60),
          new Renewal("contracted", 160000L, null), false),
      // In the red now: usage collapsed after a reorganisation; its save play is open for casey.
      new DemoCustomer("Umbrella Health", "CRM-UMBRELLA", "enterprise", "EMEA", 95000, of(40), of(45),
          List.of("Answer patient enquiries within 4 hours"), List.of("70% of enquiries answered in the tool"),
          List.of("Patient enquiries"), List.of("SSO with Azure AD"), List.of("Strict data protection review"),
          "Alice Abernathy", "Albert Wesker", "umbrella-health.example", 300, 38,
          levels(of(0), 0.74, beforeEnd(60), 0.72, beforeEnd(30), 0.45, beforeEnd(12), 0.22),
          Renewal.renewed(), false),
      // Saved: went red in the spring (champion left, a sync bug), back after the save play.
      new DemoCustomer("Vandelay Industries", "CRM-VANDELAY", "mid-market", "AMER", 40000, of(60), of(66),
          List.of("Quote import orders within a day"), List.of("All import desks using the tool"),
          List.of("Order desk"), List.of("NetSuite integration"), List.of("Champion is new in role"),
          "Art Vandelay", "George Costanza", "vandelay.example", 60, 35,
          levels(of(0), 0.75, of(135), 0.72, of(160), 0.22, of(178), 0.25, of(205), 0.74, of(260), 0.70),
          Renewal.renewed(), false),
      // Slow to first value: a CS manager reviews it; yellow since.
      new DemoCustomer("Cyberdyne Systems", "CRM-CYBERDYNE", "enterprise", "AMER", 130000, of(90), of(98),
          List.of("Automate tier-1 hardware support"), List.of("30% of tier-1 tickets resolved by automation"),
          List.of("Automated triage"), List.of("SSO with Okta", "ServiceNow integration"),
          List.of("Security review takes months"), "Miles Dyson", "Sarah Connor", "cyberdyne.example", 250, 72,
          levels(of(0), 0.58, of(200), 0.64, of(300), 0.62), Renewal.renewed(), false),
      // The Korean customer: goals, comments and QBR notes in Korean.
      new DemoCustomer("한빛 물산", "CRM-HANBIT", "enterprise", "APAC", 150000, of(100), of(110),
          List.of("고객 문의 응답 시간 30% 단축"), List.of("상담원 주간 활성 사용률 80% 달성"),
          List.of("카카오톡 상담 자동 분류"), List.of("네이버웍스 SSO 연동"), List.of("본사와 지사의 업무 방식이 다름"),
          "김민준", "이서연", "hanbit.example", 200, 42,
          levels(of(0), 0.76, of(160), 0.84), Renewal.renewed(), true),
      // Scaled and happy: quarterly summary mails instead of meetings.
      new DemoCustomer("Pied Piper", "CRM-PIEDPIPER", "scaled", "AMER", 12000, of(120), of(125),
          List.of("Answer every user question within a day"), List.of("Help centre live"), List.of("Help centre"),
          List.of(), List.of("Founders answer tickets themselves"), "Richard Hendricks", "Monica Hall",
          "piedpiper.example", 20, 20, levels(of(0), 0.80, of(200), 0.85), Renewal.renewed(), false),
      // Closed three weeks ago: kickoff held, onboarding's first tasks open.
      new DemoCustomer("Massive Dynamic", "CRM-MASSIVE", "mid-market", "EMEA", 48000, beforeEnd(21), beforeEnd(14),
          List.of("One queue for lab equipment support"), List.of("All labs on the platform by month 2"),
          List.of("Equipment support"), List.of("SSO with Azure AD"), List.of("Labs in three time zones"),
          "Nina Sharp", "William Bell", "massive-dynamic.example", 80, 40,
          levels(of(0), 0.70), Renewal.renewed(), false));

  private static Map<Day, Double> levels(Object... pairs) {
    Map<Day, Double> levels = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      levels.put((Day) pairs[i], (Double) pairs[i + 1]);
    }
    return levels;
  }
}
