package dev.backchannel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command line's client of a running station: JSON requests with the saved bearer token, and
 * the station's JSON errors turned into {@link Failure}s that carry the exit code of DESIGN 5.1.
 */
final class StationClient {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String url;
  private final Optional<String> token;
  private final ObjectMapper json;

  StationClient(String url, Optional<String> token, ObjectMapper json) {
    this.url = stripSlash(Objects.requireNonNull(url, "url"));
    this.token = Objects.requireNonNull(token, "token");
    this.json = Objects.requireNonNull(json, "json");
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  String url() {
    return url;
  }

  /** A request the station refused, or could not be made: the error line and the exit code. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int exit;

    Failure(String code, String message, int exit) {
      super(message);
      this.code = code;
      this.exit = exit;
    }

    String code() {
      return code;
    }

    int exit() {
      return exit;
    }
  }

  /** One path segment, escaped. */
  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  JsonNode post(String path, JsonNode body) {
    return send("POST", path, body);
  }

  /**
   * Sends a request and returns the JSON answer (an empty object for an answer without a body).
   *
   * @throws Failure for an error answer or an unreachable station
   */
  JsonNode send(String method, String path, JsonNode body) {
    return send(method, path, body, null);
  }

  /** As {@link #send(String, String, JsonNode)}, naming the client for the receipts it causes. */
  JsonNode send(String method, String path, JsonNode body, String clientName) {
    HttpResponse<String> r =
        exchange(
            request(method, path, body, clientName, "application/json"),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return answer(r.statusCode(), r.body());
  }

  /**
   * Posts a request whose answer is a stream of JSON lines ({@code application/x-ndjson}), giving
   * each line to {@code line} as it arrives: for long work that reports its progress.
   *
   * @throws Failure for an error answer, an error line, or an unreachable station
   */
  void postLines(String path, JsonNode body, Consumer<JsonNode> line) {
    HttpResponse<Stream<String>> r =
        exchange(
            request("POST", path, body, null, "application/x-ndjson"),
            HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = r.body()) {
      if (r.statusCode() < 200 || r.statusCode() >= 300) {
        answer(r.statusCode(), lines.collect(Collectors.joining("\n")));
        return;
      }
      lines
          .filter(l -> !l.isBlank())
          .map(this::parse)
          .forEach(
              l -> {
                if (l.has("error")) {
                  throw new Failure(
                      l.path("error").path("code").asText("FAILED"),
                      l.path("error").path("message").asText("the station's work failed"),
                      ExitCode.FAILURE);
                }
                line.accept(l);
              });
    } catch (UncheckedIOException e) {
      throw new Failure(
          "UNAVAILABLE",
          "the station at " + url + " broke off its answer: " + e.getCause(),
          ExitCode.FAILURE);
    }
  }

  private HttpRequest request(
      String method, String path, JsonNode body, String clientName, String accept) {
    HttpRequest.Builder b;
    try {
      b =
          HttpRequest.newBuilder(URI.create(url + path))
              .timeout(Duration.ofSeconds(60))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(
                          body.toString(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new Failure("USAGE", "not a station URL: " + url, ExitCode.BAD_INPUT);
    }
    b.header("Accept", accept);
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    if (clientName != null) {
      b.header("X-Backchannel-Client", clientName);
    }
    return b.build();
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return HTTP.send(request, handler);
    } catch (ConnectException e) {
      throw new Failure(
          "UNAVAILABLE",
          "cannot reach the station at " + url + " (is backchannel serve running?)",
          ExitCode.FAILURE);
    } catch (IOException e) {
      throw new Failure(
          "UNAVAILABLE", "cannot reach the station at " + url + ": " + e, ExitCode.FAILURE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure("INTERRUPTED", "interrupted while waiting for " + url, ExitCode.FAILURE);
    } catch (IllegalArgumentException e) {
      throw new Failure("USAGE", "not a station URL: " + url, ExitCode.BAD_INPUT);
    }
  }

  /** The JSON answer of a success; a {@link Failure} carrying the station's error otherwise. */
  private JsonNode answer(int status, String body) {
    JsonNode answer = parse(body);
    if (status >= 200 && status < 300) {
      return answer;
    }
    String code = answer.path("code").asText("HTTP_" + status);
    String message = answer.path("message").asText("the station answered " + status);
    if (code.equals("UNAUTHENTICATED") && token.isEmpty()) {
      message = message + "; run backchannel login";
    }
    throw new Failure(code, message, exitCode(status));
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      return json.createObjectNode().put("message", body);
    }
  }

  /** The exit code of DESIGN 5.1 for an HTTP status. */
  static int exitCode(int status) {
    return switch (status) {
      case 400, 413, 422 -> ExitCode.BAD_INPUT;
      case 401, 403, 404 -> ExitCode.NOT_FOUND;
      case 409 -> ExitCode.NEEDS_CONFIRMATION;
      default -> ExitCode.FAILURE;
    };
  }
}
