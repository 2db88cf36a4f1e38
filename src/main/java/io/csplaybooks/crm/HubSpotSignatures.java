package io.csplaybooks.crm;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HubSpot's request signatures, as its "Validating requests" page describes them. A workflow's "Send
 * a webhook" signs with v2 ({@code X-HubSpot-Signature}, {@code X-HubSpot-Signature-Version: v2}); apps
 * sign with v3 ({@code X-HubSpot-Signature-v3} and {@code X-HubSpot-Request-Timestamp}) and send the
 * older versions beside it. The URI is the one HubSpot called, exactly: the query string as it came,
 * a '+' stays a '+' and a {@code %20} stays {@code %20}. No Camunda or Spring in here.
 */
final class HubSpotSignatures {

  /** HubSpot's own limit: a v3 request older than this is refused, so a captured one cannot be sent again. */
  static final Duration MAX_AGE = Duration.ofMinutes(5);

  /** The escapes HubSpot decodes in the URI before it signs v3 (and only those). */
  private static final Map<String, String> V3_DECODED = Map.ofEntries(Map.entry("%3A", ":"), Map.entry("%2F", "/"),
      Map.entry("%3F", "?"), Map.entry("%40", "@"), Map.entry("%21", "!"), Map.entry("%24", "$"),
      Map.entry("%27", "'"), Map.entry("%28", "("), Map.entry("%29", ")"), Map.entry("%2A", "*"),
      Map.entry("%2C", ","), Map.entry("%3B", ";"));
  private static final Pattern V3_ESCAPE = Pattern.compile("%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)",
      Pattern.CASE_INSENSITIVE);

  /** The signature headers of a request; any may be null. */
  record Headers(String v3, String timestamp, String signature, String version) {

    /** v3 when the request carries it (it is checked alone: v2 has no timestamp), else v2, else none. */
    String chosen() {
      if (v3 != null) {
        return "v3";
      }
      if (signature != null && "v2".equalsIgnoreCase(trimmed(version))) {
        return "v2";
      }
      return null;
    }
  }

  private HubSpotSignatures() {}

  /**
   * Why the request is not HubSpot's, or null when it is.
   *
   * @param uri the URI HubSpot called: scheme, host, path and query string, undecoded
   */
  static String refusal(Headers headers, String secret, String method, String uri, String body, Instant now) {
    String version = headers.chosen();
    if (version == null) {
      if (headers.signature() != null) {
        return "X-HubSpot-Signature-Version '" + trimmed(headers.version())
            + "' is not accepted: sign with v2 (a workflow's request signature) or v3";
      }
      return "X-HubSpot-Signature-v3 with X-HubSpot-Request-Timestamp, or X-HubSpot-Signature with"
          + " X-HubSpot-Signature-Version v2, is required";
    }
    if (version.equals("v2")) {
      return matches(v2(secret, method, uri, body), headers.signature().trim().toLowerCase()) ? null
          : "the v2 signature does not match: not from HubSpot, changed on the way, or csp.base-url is not the"
              + " address HubSpot calls";
    }
    if (headers.timestamp() == null) {
      return "X-HubSpot-Request-Timestamp is required with X-HubSpot-Signature-v3";
    }
    long sentAt;
    try {
      sentAt = Long.parseLong(headers.timestamp().trim());
    } catch (NumberFormatException e) {
      return "X-HubSpot-Request-Timestamp must be epoch milliseconds";
    }
    long age = now.toEpochMilli() - sentAt;
    if (age > MAX_AGE.toMillis() || age < -MAX_AGE.toMillis()) {
      return "the request is older than 5 minutes (or from the future): not accepted again";
    }
    return matches(v3(secret, method, uri, body, headers.timestamp().trim()), headers.v3().trim()) ? null
        : "the v3 signature does not match: not from HubSpot, changed on the way, or csp.base-url is not the"
            + " address HubSpot calls";
  }

  /** v2: hex of SHA-256 over client secret + method + URI + body. */
  static String v2(String secret, String method, String uri, String body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((secret + method + uri + body).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** v3: Base64 of HMAC-SHA256, keyed with the client secret, over method + URI (listed escapes decoded) + body + timestamp. */
  static String v3(String secret, String method, String uri, String body, String timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signed = mac.doFinal((method + v3Uri(uri) + body + timestamp).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signed);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The URI as v3 signs it: the escapes in HubSpot's table decoded, everything else (a '+', a %20) as it came. */
  static String v3Uri(String uri) {
    Matcher escape = V3_ESCAPE.matcher(uri);
    return escape.replaceAll(m -> Matcher.quoteReplacement(V3_DECODED.get(m.group().toUpperCase())));
  }

  private static boolean matches(String expected, String given) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static String trimmed(String text) {
    return text == null ? "" : text.trim();
  }
}
