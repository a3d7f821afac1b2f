package dev.backchannel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.canonical.CableSyntaxException;
import dev.backchannel.cable.canonical.Utf8;
import dev.backchannel.store.CableLookup;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One call of a route: the request, its caller when logged in, and how to answer. */
public final class Call {
  private static final Logger LOG = LoggerFactory.getLogger(Call.class);

  private final Context context;
  private final Optional<Caller> caller;
  private final ObjectMapper json;

  Call(Context context, Optional<Caller> caller, ObjectMapper json) {
    this.context = Objects.requireNonNull(context, "context");
    this.caller = Objects.requireNonNull(caller, "caller");
    this.json = Objects.requireNonNull(json, "json");
  }

  /**
   * The logged-in caller.
   *
   * @throws ApiException UNAUTHENTICATED when there is none
   */
  public Caller caller() {
    return caller.orElseThrow(ApiException::unauthenticated);
  }

  /** The logged-in caller, if any: for a public route that shows more to some callers. */
  public Optional<Caller> optionalCaller() {
    return caller;
  }

  /** The path parameter of that name. */
  public String path(String name) {
    return context.pathParam(name);
  }

  /**
   * The path parameter of that name holding a cable's designator in a form the station writes.
   *
   * @throws ApiException INVALID naming the parameter when it is in another form
   */
  public String designator(String name) {
    String d = context.pathParam(name);
    if (!CableLookup.canonical(d)) {
      throw ApiException.invalid(
          name,
          "\""
              + d
              + "\" is not a designator as the station writes it, such as HAKTO 45, Hakto 45/225"
              + " or /WHS 2282");
    }
    return d;
  }

  /** The query parameter of that name, when given and not empty. */
  public Optional<String> query(String name) {
    return Optional.ofNullable(context.queryParam(name)).filter(v -> !v.isEmpty());
  }

  /**
   * The query parameter of that name as a whole number from {@code min} to {@code max}, when given.
   * Only its one canonical spelling is read: ASCII digits, no sign, no leading zero ({@code +1},
   * {@code 01} and the Arabic-Indic {@code ١} are refused, not read as 1).
   *
   * @throws ApiException INVALID naming the parameter otherwise
   */
  public Optional<Integer> number(String name, int min, int max) {
    return query(name)
        .map(
            text -> {
              OptionalLong n = canonicalNumber(text);
              if (n.isEmpty() || n.getAsLong() < min || n.getAsLong() > max) {
                throw ApiException.invalid(
                    name,
                    name
                        + " must be a number from "
                        + min
                        + " to "
                        + max
                        + " in plain digits, not \""
                        + text
                        + "\"");
              }
              return (int) n.getAsLong();
            });
  }

  /**
   * The number {@code text} spells in ASCII digits without sign or leading zero; empty for any
   * other spelling, or one too long to be a number the station counts to.
   */
  public static OptionalLong canonicalNumber(String text) {
    if (text.isEmpty()
        || text.length() > 18
        || (text.length() > 1 && text.charAt(0) == '0')
        || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(text));
  }

  /**
   * The request body as a JSON object.
   *
   * @throws ApiException 415 UNSUPPORTED_MEDIA_TYPE when it is not declared as JSON, INVALID when
   *     it is not UTF-8 (naming the byte offset) or not one JSON object
   */
  public JsonBody body() {
    return JsonBody.parse(json, text());
  }

  /**
   * The request body as a JSON object, or empty when the request has none: for routes whose body is
   * optional.
   *
   * @throws ApiException as {@link #body} does, when there is a body
   */
  public Optional<JsonBody> optionalBody() {
    String text = text();
    return text.isBlank() ? Optional.empty() : Optional.of(JsonBody.parse(json, text));
  }

  /** The body's text, refused unless it is declared JSON and is UTF-8 to its last byte. */
  private String text() {
    byte[] bytes = context.bodyAsBytes();
    if (bytes.length > 0) {
      requireJson(context.header("Content-Type"));
    }
    try {
      return Utf8.decode(bytes);
    } catch (CableSyntaxException e) {
      // a body is not a cable: its byte offset is the place, not a line and column
      throw ApiException.invalid("body", "the body is not UTF-8: " + e.reason());
    }
  }

  /**
   * Refuses a body that is not declared {@code application/json} (UTF-8, its only charset): a
   * client that sends something else is not talking to this API, and a form post from another site
   * must not be read as JSON.
   */
  private static void requireJson(String contentType) {
    String[] parts = contentType == null ? new String[] {""} : contentType.split(";");
    boolean json = parts[0].strip().equalsIgnoreCase("application/json");
    for (int i = 1; json && i < parts.length; i++) {
      json = parts[i].strip().replace("\"", "").equalsIgnoreCase("charset=utf-8");
    }
    if (!json) {
      throw new ApiException(
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "Content-Type",
          "the body must be sent as application/json, not "
              + (contentType == null ? "without a Content-Type" : contentType));
    }
  }

  /** The client's address. */
  public String address() {
    return context.ip();
  }

  /** The underlying request, for cookies and headers. */
  public Context context() {
    return context;
  }

  /** A JSON object or array to fill in for the answer. */
  public ObjectMapper json() {
    return json;
  }

  /** Answers with a status and a JSON document. */
  public void reply(int status, JsonNode body) {
    context.status(status).contentType("application/json").result(body.toString());
  }

  /**
   * Answers 200 with bytes of a content type, cached as {@code cacheControl} says ({@code
   * Cache-Control}).
   */
  public void reply(String contentType, byte[] body, String cacheControl) {
    context.status(200).contentType(contentType).header("Cache-Control", cacheControl).result(body);
  }

  /**
   * The query parameter of that name as a whole number of 0 or more, in its one canonical spelling
   * ({@link #canonicalNumber}).
   *
   * @throws ApiException INVALID naming the parameter when it is missing or spelt otherwise
   */
  public long requiredCount(String name) {
    String text = query(name).orElseThrow(() -> ApiException.invalid(name, name + " is required"));
    OptionalLong n = canonicalNumber(text);
    if (n.isEmpty()) {
      throw ApiException.invalid(
          name, name + " must be a number of 0 or more in plain digits, not \"" + text + "\"");
    }
    return n.getAsLong();
  }

  /** Answers 200 with a JSON document. */
  public void reply(JsonNode body) {
    reply(200, body);
  }

  /** The media type of an answer in JSON lines: one JSON document a line, each sent as made. */
  public static final String JSON_LINES = "application/x-ndjson";

  /**
   * Whether the caller asked for an answer in JSON lines ({@code Accept: application/x-ndjson}).
   */
  public boolean wantsLines() {
    String accept = context.header("Accept");
    return accept != null && accept.contains(JSON_LINES);
  }

  /**
   * Answers 200 with JSON lines that {@code work} writes as it goes, each sent at once: for long
   * work that reports its progress. An exception before the first line answers as any error does;
   * one after it ends the answer with an {@code {"error":{"code","message"}}} line, and is logged.
   */
  public void replyLines(Consumer<Consumer<JsonNode>> work) {
    context.status(200).contentType(JSON_LINES).header("Cache-Control", "no-store");
    boolean[] started = {false};
    OutputStream out;
    try {
      out = context.res().getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException("could not answer " + context.path(), e);
    }
    Consumer<JsonNode> line =
        node -> {
          try {
            out.write((node.toString() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            started[0] = true;
          } catch (IOException e) {
            throw new UncheckedIOException("the caller of " + context.path() + " went away", e);
          }
        };
    try {
      work.accept(line);
    } catch (RuntimeException e) {
      if (!started[0]) {
        throw e;
      }
      LOG.error("{} {} failed after its answer began", context.method(), context.path(), e);
      ObjectNode error = json.createObjectNode();
      error
          .putObject("error")
          .put("code", "INTERNAL")
          .put("message", "the station could not finish this work; the error is logged");
      line.accept(error);
    }
  }
}
