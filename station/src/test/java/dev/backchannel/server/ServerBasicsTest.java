package dev.backchannel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.Classification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every answer of the station has in common (DESIGN 5.6, G9): security headers, JSON errors of
 * exactly {@code {code, message, field}} with no stack trace, the body limit, and clear errors for
 * bodies that are not JSON objects. The station runs with a 2 KiB body limit.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ServerBasicsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LIMIT = 2048;

  private TestStation station;
  private Http admin;
  private Http haig;

  @BeforeAll
  void start(@TempDir Path dir) {
    station = TestStation.start(dir, Map.of("http.max-body-bytes", Integer.toString(LIMIT)));
    station.user("haig", Classification.SECRET, Set.of());
    admin = station.token("admin");
    haig = station.token("haig");
  }

  @AfterAll
  void stop() {
    station.close();
  }

  /** A login body of exactly {@code size} bytes, for a user that does not exist. */
  private static String loginOf(int size) {
    String start = "{\"name\":\"";
    String end = "\",\"password\":\"not the right password\"}";
    return start + "n".repeat(size - start.length() - end.length()) + end;
  }

  /** The answers of every kind the station gives, each with the status it must have. */
  private List<Map.Entry<Integer, Http.Answer>> answersOfEveryKind() {
    List<Map.Entry<Integer, Http.Answer>> answers = new ArrayList<>();
    answers.add(Map.entry(200, admin.get("/api/me")));
    answers.add(Map.entry(200, station.anonymous().get(StationServer.OPENAPI)));
    answers.add(Map.entry(201, admin.post("/api/caveats", "{\"name\":\"GAMMA\"}")));
    answers.add(Map.entry(204, station.token("haig").post("/api/logout", null)));
    answers.add(Map.entry(400, station.anonymous().post("/api/login", "{")));
    answers.add(Map.entry(400, admin.post("/api/users", "{\"name\":\"x\",\"clearance\":\"X\"}")));
    answers.add(Map.entry(401, station.anonymous().get("/api/me")));
    answers.add(
        Map.entry(
            401,
            station
                .anonymous()
                .post("/api/login", "{\"name\":\"nobody\",\"password\":\"wrong password\"}")));
    answers.add(Map.entry(403, haig.get("/api/users")));
    answers.add(Map.entry(404, station.anonymous().get("/api/nothing")));
    answers.add(Map.entry(404, admin.get("/api/users/nobody")));
    answers.add(Map.entry(409, admin.post("/api/caveats", "{\"name\":\"NODIS\"}")));
    answers.add(Map.entry(413, station.anonymous().post("/api/login", loginOf(2 * LIMIT))));
    return answers;
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    for (Map.Entry<Integer, Http.Answer> e : answersOfEveryKind()) {
      Http.Answer a = e.getValue();
      assertThat(a.status()).as(a.body()).isEqualTo(e.getKey());
      assertThat(a.header("Content-Security-Policy"))
          .as("CSP of a %d", a.status())
          .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
      assertThat(a.header("X-Content-Type-Options")).as("of a %d", a.status()).contains("nosniff");
      assertThat(a.header("Cache-Control")).as("of a %d", a.status()).contains("no-store");
      assertThat(a.header("X-Frame-Options")).as("of a %d", a.status()).contains("DENY");
      assertThat(a.header("Referrer-Policy")).as("of a %d", a.status()).contains("no-referrer");
    }
  }

  @Test
  void everyErrorIsJsonOfExactlyCodeMessageAndFieldWithNoStackTrace() {
    for (Map.Entry<Integer, Http.Answer> e : answersOfEveryKind()) {
      Http.Answer a = e.getValue();
      if (a.status() < 400) {
        continue;
      }
      assertThat(a.header("Content-Type"))
          .as(a.body())
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      JsonNode n = a.json();
      assertThat(n.isObject()).as(a.body()).isTrue();
      List<String> names = new ArrayList<>();
      n.fieldNames().forEachRemaining(names::add);
      assertThat(names).as(a.body()).containsExactlyInAnyOrder("code", "message", "field");
      assertThat(n.get("code").isTextual() && n.get("message").isTextual()).as(a.body()).isTrue();
      assertThat(n.get("field").isTextual()).as(a.body()).isTrue();
      assertThat(n.get("code").asText()).as(a.body()).matches("[A-Z_]+");
      assertThat(n.get("message").asText()).as(a.body()).isNotBlank();
      assertNoInternals(a);
    }
  }

  @Test
  void anUnknownRouteAnswers404InJson() {
    assertError(
        station.anonymous().get("/api/nothing"),
        404,
        "NOT_FOUND",
        "",
        "no such route: GET /api/nothing");
    assertError(
        admin.send("DELETE", "/api/me", null),
        404,
        "NOT_FOUND",
        "",
        "no such route: DELETE /api/me");
    assertError(
        station.anonymous().get("/nothing"), 404, "NOT_FOUND", "", "no such route: GET /nothing");
  }

  @Test
  void aBodyOverTheLimitIsRefusedAsTooLarge() {
    String body = loginOf(2 * LIMIT);
    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(4096);

    assertError(
        station.anonymous().post("/api/login", body),
        413,
        "TOO_LARGE",
        "body",
        "the request body is larger than 2048 bytes");
  }

  @Test
  void aBodyOverTheLimitStoresNothing() {
    int users = station.store.users().size();
    String body =
        "{\"name\":\"kissinger\",\"clearance\":\"SECRET\",\"addressedAs\":\""
            + "K".repeat(2 * LIMIT)
            + "\"}";

    assertError(
        admin.post("/api/users", body),
        413,
        "TOO_LARGE",
        "body",
        "the request body is larger than 2048 bytes");
    assertThat(station.store.users()).hasSize(users);
  }

  @Test
  void aBodyAtTheLimitIsRead() {
    Http.Answer a = station.anonymous().post("/api/login", loginOf(LIMIT));

    assertThat(a.status()).as(a.body()).isEqualTo(401);
    assertThat(a.json().get("code").asText()).isEqualTo("LOGIN_FAILED");
  }

  @Test
  void aBodyOverTheLimitIsRefusedWhenItsLengthIsNotAnnounced()
      throws IOException, InterruptedException {
    // chunked: no Content-Length for the server to check before reading
    byte[] body = loginOf(4 * LIMIT).getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + station.server.port() + "/api/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    HttpResponse<String> r;
    try (HttpClient client = HttpClient.newHttpClient()) {
      r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
    assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("TOO_LARGE");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "{\"name\":}",
        "not json",
        "{\"name\":\"admin\" \"password\":\"x\"}",
        "{'name':'admin'}"
      })
  void malformedJsonIsRefusedNamingTheBody(String body) {
    Http.Answer a = station.anonymous().post("/api/login", body);

    assertThat(a.status()).as(a.body()).isEqualTo(400);
    JsonNode n = a.json();
    assertThat(n.get("code").asText()).isEqualTo("INVALID");
    assertThat(n.get("field").asText()).isEqualTo("body");
    assertThat(n.get("message").asText())
        .startsWith("the body is not JSON: ")
        .containsPattern(" at line 1 column [0-9]+$");
    assertNoInternals(a);
  }

  @Test
  void aBodyThatIsNoObjectIsRefusedSayingWhatItIs() {
    assertError(
        station.anonymous().post("/api/login", "[\"admin\"]"),
        400,
        "INVALID",
        "body",
        "the body must be a JSON object, not ARRAY");
    assertError(
        station.anonymous().post("/api/login", "\"admin\""),
        400,
        "INVALID",
        "body",
        "the body must be a JSON object, not STRING");
    assertError(
        station.anonymous().post("/api/login", "  "),
        400,
        "INVALID",
        "body",
        "the request needs a JSON object as its body");
    assertError(
        station.anonymous().post("/api/login", null),
        400,
        "INVALID",
        "body",
        "the request needs a JSON object as its body");
  }

  @Test
  void textAfterTheJsonObjectIsRefused() {
    Http.Answer a =
        station
            .anonymous()
            .post(
                "/api/login",
                "{\"name\":\"admin\",\"password\":\""
                    + TestStation.PASSWORD
                    + "\",\"kind\":\"token\"} and then some");

    assertThat(a.status()).as(a.body()).isEqualTo(400);
    assertThat(a.json().get("code").asText()).isEqualTo("INVALID");
    assertThat(a.json().get("field").asText()).isEqualTo("body");
  }

  @Test
  void aFieldOfTheWrongTypeIsNamed() {
    assertError(
        station.anonymous().post("/api/login", "{\"name\":5,\"password\":\"x\"}"),
        400,
        "INVALID",
        "name",
        "name must be a non-empty string, not 5");
    assertError(
        station.anonymous().post("/api/login", "{\"name\":\"  \",\"password\":\"x\"}"),
        400,
        "INVALID",
        "name",
        "name must be a non-empty string, not \"  \"");
    assertError(
        station.anonymous().post("/api/login", "{\"name\":\"admin\"}"),
        400,
        "INVALID",
        "password",
        "password is required");
  }

  private static void assertNoInternals(Http.Answer a) {
    assertThat(a.body())
        .as("answer %d", a.status())
        .doesNotContain("Exception", "at dev.backchannel", "com.fasterxml", "java.", "\tat ");
  }

  private static void assertError(
      Http.Answer a, int status, String code, String field, String message) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    ObjectNode expected = JSON.createObjectNode();
    expected.put("code", code).put("message", message).put("field", field);
    assertThat(a.json()).isEqualTo(expected);
    assertNoInternals(a);
  }
}
