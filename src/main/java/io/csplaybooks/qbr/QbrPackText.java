package io.csplaybooks.qbr;

import io.csplaybooks.notify.MailMessages;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;

/**
 * The pack as a readable HTML page (for the CSM, in English) and as a plain-text summary (the
 * scaled tier's email, its texts in the mail bundle). Names, KPIs and risks are shown as people wrote them.
 */
public final class QbrPackText {

  private QbrPackText() {}

  /** The page, in English; its health and usage lines are the summary's English texts. */
  public static String html(QbrPack p, MailMessages texts) {
    Locale english = Locale.ENGLISH;
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>QBR ")
        .append(e(p.accountName())).append(" round ").append(p.round()).append("</title>")
        .append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
            + "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}</style></head><body>\n");
    h.append("<h1>QBR ").append(e(p.accountName())).append(", round ").append(p.round()).append("</h1>\n");
    h.append("<p>").append(e(p.segment())).append(" &middot; QBR on ").append(p.qbrDate()).append(" &middot; CSM ")
        .append(e(str(p.csmId()))).append(" &middot; prepared ").append(p.preparedAt()).append("</p>\n");

    h.append("<h2>Health</h2>\n<p>").append(e(health(p, texts, english))).append("</p>\n");
    if (!p.health().history().isEmpty()) {
      h.append("<table><tr><th>Scored on</th><th>Score</th><th>Band</th></tr>\n");
      p.health().history().forEach(pt -> h.append("<tr><td>").append(pt.on()).append("</td><td>")
          .append(str(pt.score())).append("</td><td>").append(e(str(pt.band()))).append("</td></tr>\n"));
      h.append("</table>\n");
    }

    h.append("<h2>Success-plan KPIs</h2>\n");
    if (p.kpis().isEmpty()) {
      h.append("<p>No KPIs in the success plan.</p>\n");
    } else {
      h.append("<table><tr><th>KPI</th><th>Baseline</th><th>Current</th><th>Target</th><th>Due</th><th>Progress</th></tr>\n");
      for (QbrPack.Kpi k : p.kpis()) {
        h.append("<tr><td>").append(e(k.name())).append("</td><td>").append(e(figure(k.baseline(), k.unit())))
            .append("</td><td>").append(e(figure(k.current(), k.unit()))).append("</td><td>")
            .append(e(figure(k.target(), k.unit()))).append("</td><td>").append(str(k.dueDate())).append("</td><td>")
            .append(k.progressPercent() == null ? "" : k.progressPercent() + "%").append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    h.append("<h2>Usage</h2>\n<p>").append(e(usage(p, texts, english))).append("</p>\n");

    h.append("<h2>Open risks and interventions</h2>\n");
    if (p.openRisks().isEmpty()) {
      h.append("<p>None.</p>\n");
    } else {
      h.append("<ul>\n");
      p.openRisks().forEach(r -> h.append("<li>").append(e(r.kind())).append(": ").append(e(r.description()))
          .append(r.since() == null ? "" : " (since " + r.since() + ")").append("</li>\n"));
      h.append("</ul>\n");
    }

    h.append("<h2>Renewal</h2>\n<p>").append(e(renewal(p))).append("</p>\n</body></html>\n");
    return h.toString();
  }

  /** A short report for the customer's champion (scaled tier: no meeting, this mail instead), in the language given. */
  public static String summary(QbrPack p, MailMessages texts, Locale language) {
    StringBuilder s = new StringBuilder();
    s.append(texts.text(language, "qbr.title", p.accountName())).append("\n\n");
    s.append(texts.text(language, "qbr.health", health(p, texts, language))).append("\n");
    s.append(texts.text(language, "qbr.usage", usage(p, texts, language))).append("\n\n");
    if (!p.kpis().isEmpty()) {
      s.append(texts.text(language, "qbr.goals")).append("\n").append(p.kpis().stream().map(k -> k.progressPercent() == null
              ? texts.text(language, "qbr.goal", k.name(), figure(k.current(), k.unit()), figure(k.target(), k.unit()),
                  str(k.dueDate()))
              : texts.text(language, "qbr.goal.progress", k.name(), figure(k.current(), k.unit()),
                  figure(k.target(), k.unit()), str(k.dueDate()), str(k.progressPercent())))
          .collect(Collectors.joining("\n"))).append("\n\n");
    }
    if (p.renewal().renewalDate() != null) {
      s.append(texts.text(language, "qbr.renews", str(p.renewal().renewalDate()))).append("\n\n");
    }
    s.append(texts.text(language, "qbr.closing")).append("\n");
    return s.toString();
  }

  private static String health(QbrPack p, MailMessages texts, Locale language) {
    if (p.health().score() == null) {
      return texts.text(language, "qbr.notScored");
    }
    Integer trend = p.health().trend30d();
    String score = str(p.health().score());
    String band = str(p.health().band());
    return trend == null ? texts.text(language, "qbr.score", score, band)
        : texts.text(language, "qbr.score.trend", score, band, (trend >= 0 ? "+" : "") + trend);
  }

  private static String usage(QbrPack p, MailMessages texts, Locale language) {
    QbrPack.Usage u = p.usage();
    if (u == null) {
      return texts.text(language, "qbr.noUsage");
    }
    return texts.text(language, "qbr.seats", str(u.activeUsers()), str(u.licensedSeats()))
        + (u.adoptionPercent() == null ? "" : texts.text(language, "qbr.adoption", str(u.adoptionPercent())))
        + (u.featuresUsed() == null ? "" : texts.text(language, "qbr.features", str(u.featuresUsed()), str(u.featuresTotal())));
  }

  private static String renewal(QbrPack p) {
    QbrPack.Renewal r = p.renewal();
    return (r.renewalDate() == null ? "no contract" : "renews on " + r.renewalDate() + " (in " + r.daysToRenewal() + " days)")
        + ", ARR " + (r.arr() == null ? "unknown" : r.arr().stripTrailingZeros().toPlainString());
  }

  /** A figure as people write it: no trailing zeros, no exponent, and its unit after it ("" for none). */
  public static String figure(BigDecimal value, String unit) {
    if (value == null) {
      return "";
    }
    return value.stripTrailingZeros().toPlainString() + (unit == null || unit.isBlank() ? "" : " " + unit);
  }

  private static String str(Object value) {
    return value == null ? "" : value.toString();
  }

  private static String e(String text) {
    return HtmlUtils.htmlEscape(text == null ? "" : text);
  }
}
