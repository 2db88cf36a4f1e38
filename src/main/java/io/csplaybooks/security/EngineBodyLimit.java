package io.csplaybooks.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine's REST API (Jersey, on /engine-rest and the webapps' /camunda/api) reads a request's body
 * whole, however large: a deployment of 60 MB was read into memory before anything looked at it. Here
 * a body is refused with 413 before it is read when its declared length is over the limit (a
 * deployment has its own, larger one), and a body without a declared length (chunked) is read here
 * up to the limit and no further, then handed on. It runs after Spring Security, so whoever may not deploy is refused before
 * that, and is answered the same whatever they send.
 */
public final class EngineBodyLimit extends OncePerRequestFilter {

  private final long deploymentBytes;
  private final long otherBytes;
  private final String deploymentLimits;

  /**
   * Limits in bytes: a deployment's request (its files and the multipart envelope), any other request;
   * and a deployment's limits in words, for the refusal.
   */
  public EngineBodyLimit(long deploymentBytes, long otherBytes, String deploymentLimits) {
    this.deploymentBytes = deploymentBytes;
    this.otherBytes = otherBytes;
    this.deploymentLimits = deploymentLimits;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = EngineAccess.DEPLOY.matches(request) ? deploymentBytes : otherBytes;
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      // The body is not read: the connection closes after the answer.
      response.setHeader("Connection", "close");
      refuse(response, limit);
      return;
    }
    if (declared >= 0 || request.getHeader("Transfer-Encoding") == null) {
      chain.doFilter(request, response);
      return;
    }
    // Chunked: read here up to the limit, so that an answer over it is still ours to give.
    byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    if (body.length > limit) {
      // The container reads a little more of it (server.tomcat.max-swallow-size), then closes.
      refuse(response, limit);
      return;
    }
    chain.doFilter(new Read(request, body), response);
  }

  private void refuse(HttpServletResponse response, long limit) throws IOException {
    SecurityProblems.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "payload-too-large",
        "Payload too large", "the request body is larger than " + megabytes(limit) + " MB (" + deploymentLimits + ")");
  }

  private static String megabytes(long bytes) {
    return String.valueOf(Math.round(bytes / (1024.0 * 1024.0)));
  }

  /** A request whose body of no declared length has been read, within the limit. */
  private static final class Read extends HttpServletRequestWrapper {
    private final byte[] body;

    Read(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body has been read already");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String charset = getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(),
          charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset)));
    }
  }
}
