package dev.backchannel.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives itself, before a request reaches a route: a request line or header it
 * will not parse ({@code %00}, {@code ..;/}, a backslash, a bad Content-Length), one too large
 * (414, 431), a method it will not serve (CONNECT). They are written in the station's error form
 * {@code {code, message, field}} with the security headers, like every other answer, instead of
 * Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {
  private final ObjectMapper json;

  JettyErrors(ObjectMapper json) {
    this.json = Objects.requireNonNull(json, "json");
  }

  /** An answer of the station's error form for a status Jetty chose, with its reason. */
  ApiException error(int status, String reason) {
    // Jetty gives the status's own phrase when it has nothing more to say
    String why =
        reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(status))
            ? "the request line or a header is not valid HTTP"
            : reason;
    return switch (status) {
      case 414 -> new ApiException(414, "TOO_LARGE", "path", "the request target is too long");
      case 431 ->
          new ApiException(431, "TOO_LARGE", "headers", "the request headers are too large");
      default ->
          new ApiException(
              status,
              status < 500 ? "INVALID" : "UNAVAILABLE",
              "request",
              "the request is refused: " + why);
    };
  }

  /** The error as the JSON the station answers. */
  byte[] body(ApiException e) {
    ObjectNode body = json.createObjectNode();
    body.put("code", e.code());
    body.put("message", e.getMessage());
    body.put("field", e.field());
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  // every method gets a body: an attacker's CONNECT is answered like any other bad request
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    byte[] body = body(error(code, message));
    HttpFields.Mutable headers = response.getHeaders();
    SecurityHeaders.ALL.forEach(headers::put);
    headers.put(HttpHeader.CONTENT_TYPE, "application/json");
    headers.put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
