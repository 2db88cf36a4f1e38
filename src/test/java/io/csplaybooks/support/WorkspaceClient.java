package io.csplaybooks.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A person's browser without the browser: one cookie jar, no redirects followed, forms posted as forms. */
public class WorkspaceClient {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;
  private final String base;
  private String acceptLanguage = "en-US,en;q=0.8";

  public WorkspaceClient(int port) {
    this.base = "http://localhost:" + port;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public WorkspaceClient language(String acceptLanguage) {
    this.acceptLanguage = acceptLanguage;
    return this;
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET());
  }

  /** A JSON resource with the session, as Tasklist's script asks for it. */
  public HttpResponse<String> getJson(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").GET());
  }

  /** A JSON resource of the API with HTTP Basic, as a script or an integration calls it. */
  public HttpResponse<String> getApi(String path, String user, String password) {
    String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
        .header("Authorization", "Basic " + basic).GET());
  }

  public HttpResponse<String> post(String path, Map<String, String> form) {
    return post(path, form, Map.of());
  }

  /** A form posted with extra headers (Camunda's webapps want their XSRF header). */
  public HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request);
  }

  /**
   * A JSON request with the session and extra headers, as a webapp's script sends it to the engine's
   * API ({@code /camunda/api/engine/...}, with the webapps' X-XSRF-TOKEN header); a null body sends none.
   */
  public HttpResponse<String> json(String method, String path, String json, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Accept", "application/json, text/plain, */*")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    return send(request);
  }

  /**
   * A form with files (multipart/form-data), as a browser sends a file input: fields, then each file
   * under its name. The form's token goes in the form's address, as the page's form sends it (so the
   * files are read only once the person is known to be allowed).
   */
  public HttpResponse<String> postFiles(String path, Map<String, String> fields, String fileField, Map<String, byte[]> files) {
    if (fields.containsKey("_csrf")) {
      path += (path.contains("?") ? "&" : "?") + "_csrf=" + URLEncoder.encode(fields.get("_csrf"), StandardCharsets.UTF_8);
      fields = new java.util.LinkedHashMap<>(fields);
      fields.remove("_csrf");
    }
    String boundary = "----csp" + Long.toHexString(System.nanoTime());
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
        + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    files.forEach((name, content) -> {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
          + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(content);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    });
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /**
   * Any request, with the path sent exactly as written ({@code ;x=y}, {@code %2e}, {@code //} stay as
   * they are), the session's cookies and the headers given.
   */
  public HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request);
  }

  /** HTTP Basic credentials, as a header. */
  public static Map<String, String> basic(String user, String password) {
    return Map.of("Authorization", "Basic " + java.util.Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
        .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
  }

  /** Logs in through the login page as a person does; the response is the login's answer. */
  public HttpResponse<String> login(String user, String password) {
    String token = csrf(get("/login").body());
    return post("/login", Map.of("username", user, "password", password, "_csrf", token, "next", "/"));
  }

  /** The form token of the page at that path. */
  public String csrfOf(String path) {
    return csrf(get(path).body());
  }

  public static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no form token in the page: " + html.substring(0, Math.min(html.length(), 500)));
    }
    return m.group(1);
  }

  public String sessionId() {
    return cookie("JSESSIONID");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.header("Accept-Language", acceptLanguage).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
