package dev.backchannel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/** One call of a route: the request, its caller when logged in, and how to answer. */
public final class Call {
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

  /** The path parameter of that name. */
  public String path(String name) {
    return context.pathParam(name);
  }

  /** The query parameter of that name, when given and not empty. */
  public Optional<String> query(String name) {
    return Optional.ofNullable(context.queryParam(name)).filter(v -> !v.isEmpty());
  }

  /**
   * The request body as a JSON object.
   *
   * @throws ApiException INVALID when it is not one
   */
  public JsonBody body() {
    return JsonBody.parse(json, context.body());
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

  /** Answers 200 with a JSON document. */
  public void reply(JsonNode body) {
    reply(200, body);
  }
}
