package dev.backchannel.bench.station;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A client of a bench station's HTTP API, as any client would be one: JSON over HTTP/1.1, a bearer
 * token once logged in. One {@link HttpClient} (and its connection pool) is shared by every client
 * made from the same {@link #connect}, on virtual threads.
 */
public final class Client {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;
  private final Optional<String> token;

  private Client(HttpClient http, URI base, Optional<String> token) {
    this.http = http;
    this.base = base;
    this.token = token;
  }

  /** An anonymous client of the station at {@code base}. */
  public static Client connect(URI base) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    return new Client(http, base, Optional.empty());
  }

  /** An answer: its status and body. */
  public record Answer(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    /**
     * This answer, when its status is the one expected.
     *
     * @throws IllegalStateException naming the request, the status and the body otherwise
     */
    Answer expect(int expected, String what) {
      if (status != expected) {
        throw new IllegalStateException(what + " answered " + status + ": " + body);
      }
      return this;
    }
  }

  /**
   * Logs in with a password and answers a client carrying the token.
   *
   * @throws IllegalStateException when the login is refused
   */
  public Client login(String name, String password) {
    ObjectNode body =
        JSON.createObjectNode().put("name", name).put("password", password).put("kind", "token");
    String t =
        send("POST", "/api/login", body.toString())
            .expect(200, "login as " + name)
            .json()
            .path("token")
            .asText();
    return new Client(http, base, Optional.of(t));
  }

  /** The token this client carries. */
  public String token() {
    return token.orElseThrow(() -> new IllegalStateException("this client has not logged in"));
  }

  /** {@code POST} with a JSON body; the answer whatever its status. */
  public Answer post(String path, JsonNode body) {
    return send("POST", path, body.toString());
  }

  /**
   * Sends a request and waits for its answer.
   *
   * @throws UncheckedIOException when the request could not be made (connection refused, reset)
   */
  public Answer send(String method, String path, String body) {
    try {
      HttpResponse<String> r =
          http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + path, e);
    }
  }

  /** The same, expecting a status. */
  public JsonNode send(String method, String path, JsonNode body, int expected) {
    return send(method, path, body == null ? null : body.toString())
        .expect(expected, method + " " + path)
        .json();
  }

  /**
   * Opens the live event stream: its lines as they come. Closing the stream closes the connection.
   */
  public Stream<String> events() throws IOException, InterruptedException {
    HttpResponse<Stream<String>> r =
        http.send(request("GET", "/api/events/stream", null), HttpResponse.BodyHandlers.ofLines());
    if (r.statusCode() != 200) {
      r.body().close();
      throw new IllegalStateException("the event stream answered " + r.statusCode());
    }
    return r.body();
  }

  private HttpRequest request(String method, String path, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(120))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return b.build();
  }

  /** A JSON object to fill, for request bodies. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
