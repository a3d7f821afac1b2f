package dev.backchannel.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client of the station's API for tests: one identity (anonymous, a bearer token, or a browser
 * session with its cookie and CSRF token), plain requests, whole answers.
 */
public final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final String base;
  private final Map<String, String> headers;

  Http(String base, Map<String, String> headers) {
    this.base = base;
    this.headers = Map.copyOf(headers);
  }

  /** An anonymous client of the station at {@code base} ({@code http://host:port}). */
  public static Http at(String base) {
    return new Http(base, Map.of());
  }

  /** The same client with one more header on every request. */
  public Http with(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Http(base, h);
  }

  /** The same client without a header. */
  public Http without(String name) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.remove(name);
    return new Http(base, h);
  }

  /** An answer: status, headers and body. */
  public record Answer(int status, Map<String, List<String>> headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    public Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }

    public List<String> headers(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .toList();
    }
  }

  public Answer get(String path) {
    return send("GET", path, null);
  }

  public Answer post(String path, String body) {
    return send("POST", path, body);
  }

  public Answer put(String path, String body) {
    return send("PUT", path, body);
  }

  public Answer patch(String path, String body) {
    return send("PATCH", path, body);
  }

  public Answer delete(String path) {
    return send("DELETE", path, null);
  }

  /** An open event stream: its lines as they come, until closed. */
  public static final class Stream implements AutoCloseable {
    private final java.util.concurrent.BlockingQueue<String> lines =
        new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.concurrent.CompletableFuture<
            HttpResponse<java.util.stream.Stream<String>>>
        response;

    Stream(HttpRequest request) {
      response = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  response.join().body().forEach(lines::add);
                } catch (RuntimeException e) {
                  // closed
                }
              });
    }

    /** The status of the answer. */
    public int status() {
      return response.join().statusCode();
    }

    /** The id of the last event {@link #next} went past, as the stream sent it; null for none. */
    public String lastId() {
      return lastId;
    }

    private String lastId;

    /**
     * The next event's data line of the given event name, waiting at most the timeout; null when
     * none came.
     */
    public String next(String event, java.time.Duration timeout) throws InterruptedException {
      long end = System.nanoTime() + timeout.toNanos();
      boolean named = false;
      while (System.nanoTime() < end) {
        String line =
            lines.poll(end - System.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
        if (line == null) {
          return null;
        }
        if (line.startsWith("id: ")) {
          lastId = line.substring(4);
        }
        if (line.equals("event: " + event)) {
          named = true;
        } else if (named && line.startsWith("data: ")) {
          return line.substring(6);
        } else if (line.isEmpty()) {
          named = false;
        }
      }
      return null;
    }

    /** Every line received so far. */
    public java.util.List<String> drain() {
      java.util.List<String> out = new java.util.ArrayList<>();
      lines.drainTo(out);
      return out;
    }

    @Override
    public void close() {
      response.cancel(true);
      response.thenAccept(r -> r.body().close());
    }
  }

  /** Opens an event stream. */
  public Stream stream(String path) {
    return stream(path, Map.of());
  }

  /** A server-sent event stream, opened with some headers more ({@code Last-Event-ID}). */
  public Stream stream(String path, Map<String, String> more) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    headers.forEach(b::header);
    more.forEach(b::header);
    return new Stream(b.build());
  }

  /** Any method, with a body or none. */
  public Answer send(String method, String path, String body) {
    return send(method, path, body, "application/json");
  }

  /** Posts a form ({@code application/x-www-form-urlencoded}), as a page's form does. */
  public Answer form(String path, String fields) {
    return send("POST", path, fields, "application/x-www-form-urlencoded");
  }

  private Answer send(String method, String path, String body, String contentType) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    try {
      HttpResponse<String> r =
          CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
