package io.csplaybooks.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.csplaybooks.common.EngineClock;
import io.csplaybooks.common.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The deliveries a CRM signed but the app could not take (table crm_ignored_delivery, V26). */
@Repository
class IgnoredDeliveries {

  /** One kept delivery; the body is left out of lists ({@code null}) and given by {@link #find}. */
  record Delivery(long id, String crm, Instant receivedAt, String signatureVersion, String reason, String detail,
      int status, String signedUri, Map<String, String> headers, String body, int bodySize, boolean bodyTruncated,
      Instant replayedAt, String replayedBy, Integer replayStatus, String replayDetail) {}

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  IgnoredDeliveries(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Keeps the delivery, its body cut at {@code limit} bytes (on a character boundary); its id. */
  long keep(String crm, String signatureVersion, String reason, String detail, int status, String signedUri,
      Map<String, String> headers, String body, int limit) {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String kept = body == null ? "" : body;
    boolean truncated = bytes.length > limit;
    if (truncated) {
      String cut = new String(bytes, 0, limit, StandardCharsets.UTF_8);
      // A multi-byte character cut in half decodes as U+FFFD: drop it.
      kept = cut.endsWith("\uFFFD") ? cut.substring(0, cut.length() - 1) : cut;
    }
    // The generated key as JDBC gives it (H2, the zero-setup database, has no "returning").
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into crm_ignored_delivery (crm, received_at, signature_version, reason, detail, status, signed_uri,
                headers, body, body_size, body_truncated)
            values (:crm, :at, :version, :reason, :detail, :status, :uri, :headers, :body, :size, :truncated)""")
        .param("crm", crm).param("at", Timestamp.from(EngineClock.now())).param("version", signatureVersion)
        .param("reason", reason).param("detail", detail).param("status", status)
        .param("uri", signedUri.length() > 2048 ? signedUri.substring(0, 2048) : signedUri)
        .param("headers", write(headers)).param("body", kept.replace("\u0000", "")).param("size", bytes.length)
        .param("truncated", truncated)
        .update(key, "id");
    return key.getKey().longValue();
  }

  /** The newest first, without their bodies. */
  List<Delivery> list(String crm, int limit) {
    return jdbc.sql("select * from crm_ignored_delivery where crm = :crm order by received_at desc, id desc limit :limit")
        .param("crm", crm).param("limit", limit).query((rs, row) -> delivery(rs, false)).list();
  }

  Delivery find(String crm, long id) {
    return jdbc.sql("select * from crm_ignored_delivery where crm = :crm and id = :id").param("crm", crm).param("id", id)
        .query((rs, row) -> delivery(rs, true)).optional()
        .orElseThrow(() -> new NotFoundException("no ignored " + crm + " delivery " + id));
  }

  /**
   * Claims the delivery for a replay: false when it was replayed with success already (or by someone
   * at the same moment), so a replay does its work once.
   */
  boolean claim(long id, String by) {
    return jdbc.sql("""
            update crm_ignored_delivery set replayed_at = :at, replayed_by = :by, replay_status = null, replay_detail = null
            where id = :id and (replayed_at is null or replay_status >= 300)""")
        .param("at", Timestamp.from(EngineClock.now())).param("by", by).param("id", id).update() == 1;
  }

  void replayed(long id, int status, String detail) {
    jdbc.sql("update crm_ignored_delivery set replay_status = :status, replay_detail = :detail where id = :id")
        .param("status", status).param("detail", detail).param("id", id).update();
  }

  private Delivery delivery(ResultSet rs, boolean withBody) throws SQLException {
    Timestamp replayed = rs.getTimestamp("replayed_at");
    return new Delivery(rs.getLong("id"), rs.getString("crm"), rs.getTimestamp("received_at").toInstant(),
        rs.getString("signature_version"), rs.getString("reason"), rs.getString("detail"), rs.getInt("status"),
        rs.getString("signed_uri"), read(rs.getString("headers")), withBody ? rs.getString("body") : null,
        rs.getInt("body_size"), rs.getBoolean("body_truncated"), replayed == null ? null : replayed.toInstant(),
        rs.getString("replayed_by"), rs.getObject("replay_status", Integer.class),
        rs.getString("replay_detail"));
  }

  private String write(Map<String, String> headers) {
    try {
      return json.writeValueAsString(headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, String> read(String headers) {
    try {
      return json.readValue(headers, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a kept delivery whose headers are not JSON", e);
    }
  }
}
