package dev.backchannel.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.Classification;
import dev.backchannel.server.Http;
import dev.backchannel.server.StationServer;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.Role;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * The attacker's suite of issue 21: each request an attacker sent that the station read leniently
 * or answered with Jetty's HTML page, with the exact answer it must now get: its status, the JSON
 * error {@code {code, message, field}} and the security headers. Requests an HTTP client would
 * normalise or refuse to send go byte for byte over a socket ({@link RawHttp}).
 *
 * <p>One station for the class (2 KiB body limit), with the October exchange and one released
 * cable, Hakto 1, of three paragraphs.
 */
@TestInstance(Lifecycle.PER_CLASS)
class StrictInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String HAKTO_1 =
      "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER\nTO: HAIG\n\n1. ONE.\n\n2. TWO.\n\n3. THREE.\n";

  private TestStation station;
  private RawHttp raw;
  private Http kissinger;
  private String token;

  @BeforeAll
  void start(@TempDir Path dir) {
    station = TestStation.start(dir, Map.of("http.max-body-bytes", "2048"));
    station.october();
    Set<String> sensitive = Set.of("SENSITIVE");
    station.user("kissinger", Classification.TOP_SECRET, sensitive, Role.PRINCIPAL);
    station.user("haig", Classification.TOP_SECRET, sensitive, Role.PRINCIPAL);
    station.store.putMember("BC", "HAK", "kissinger", true, "admin");
    station.store.putMember("BC", "WH", "haig", true, "admin");
    raw = new RawHttp(station.server.port());
    token = login("kissinger").get("token").asText();
    kissinger = station.anonymous().with("Authorization", "Bearer " + token);
    Http.Answer released =
        kissinger.post(
            "/api/exchanges/OCT72/cables",
            JSON.createObjectNode().put("text", HAKTO_1).put("confirm", true).toString());
    assertThat(released.status()).as(released.body()).isEqualTo(201);
  }

  @AfterAll
  void stop() {
    station.close();
  }

  private JsonNode login(String name) {
    Http.Answer a =
        station
            .anonymous()
            .post(
                "/api/login",
                "{\"name\":\""
                    + name
                    + "\",\"password\":\""
                    + TestStation.PASSWORD
                    + "\",\"kind\":\"token\"}");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a.json();
  }

  // ---- Jetty's own refusals: JSON with the security headers, never its HTML page ----

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "GET /api/me%00 HTTP/1.1|the request line or a header is not valid HTTP",
        "GET /api/%FF HTTP/1.1|Bad UTF-8 encoding",
        "GET /api/x/..;/me HTTP/1.1|Ambiguous URI path parameter",
        "GET /api\\me HTTP/1.1|Illegal Path Character",
        "CONNECT 127.0.0.1:80 HTTP/1.1|Authority!=Host",
      })
  void aRequestLineJettyRefusesIsAnswered400InJsonWithTheSecurityHeaders(String attack) {
    String[] lineAndReason = attack.split("\\|");

    RawHttp.Answer a = raw.send(lineAndReason[0] + "\nHost: x\nConnection: close\n\n");

    assertRefused(a, 400, "INVALID", "request", "the request is refused: " + lineAndReason[1]);
  }

  @Test
  void aConnectToTheStationItselfIsAnsweredInJsonWithTheSecurityHeaders() {
    String authority = "127.0.0.1:" + station.server.port();

    RawHttp.Answer a =
        raw.send(
            "CONNECT " + authority + " HTTP/1.1\nHost: " + authority + "\nConnection: close\n\n");

    assertRefused(a, 404, "NOT_FOUND", "", "no such route: CONNECT /");
  }

  @ParameterizedTest(name = "Content-Length: {0}")
  @ValueSource(strings = {"-1", "+2", "2, 3", "0x2"})
  void aContentLengthThatIsNotOneNumberIsRefused(String length) {
    RawHttp.Answer a =
        raw.send(
            "POST /api/login HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: "
                + length
                + "\nConnection: close\n\n",
            "{}".getBytes(StandardCharsets.US_ASCII));

    assertRefused(
        a, 400, "INVALID", "request", "the request is refused: Invalid Content-Length Value");
  }

  @Test
  void aContentLengthPastAnyNumberIsRefused() {
    RawHttp.Answer a =
        raw.send(
            "POST /api/login HTTP/1.1\nHost: x\nContent-Type: application/json\n"
                + "Content-Length: 99999999999999999999999\nConnection: close\n\n",
            "{}".getBytes(StandardCharsets.US_ASCII));

    assertRefused(
        a,
        400,
        "INVALID",
        "request",
        "the request is refused: the request line or a header is not valid HTTP");
  }

  @Test
  void aHeaderOver8KibIsAnswered431InJson() {
    RawHttp.Answer a =
        raw.send("GET /api/me HTTP/1.1\nHost: x\nX-Big: " + "a".repeat(9000) + "\n\n");

    assertRefused(a, 431, "TOO_LARGE", "headers", "the request headers are too large");
  }

  @Test
  void aTargetOver8KibIsAnswered414InJson() {
    RawHttp.Answer a = raw.send("GET /" + "a".repeat(9000) + " HTTP/1.1\nHost: x\n\n");

    assertRefused(a, 414, "TOO_LARGE", "path", "the request target is too long");
  }

  // ---- a body declared too large: 413 at once, from the declared length ----

  @Test
  void aBodyDeclaredOverTheLimitIsAnswered413AtOnceWithoutWaitingForIt() {
    RawHttp.Answer a =
        raw.send(
            "POST /api/login HTTP/1.1\nHost: x\nContent-Type: application/json\n"
                + "Content-Length: 99999999999\n\n",
            "{}".getBytes(StandardCharsets.US_ASCII));

    assertRefused(a, 413, "TOO_LARGE", "body", "the request body is larger than 2048 bytes");
    // the two bytes sent are all there is: an answer that waited for the rest would time out
    assertThat(a.millis()).isLessThan(5_000);
    assertThat(a.header("Connection")).contains("close");
  }

  // ---- bodies: UTF-8 to the last byte, declared JSON, each field once ----

  @Test
  void aBodyWithABadUtf8ByteIsRefusedNamingItsOffsetAndNothingIsStored() {
    String before =
        "{\"exchange\":\"OCT72\",\"text\":\"IMMEDIATE\\nTOP SECRET SENSITIVE\\nFROM: KISSINGER"
            + "\\nTO: HAIG\\n\\n1. BAD ";
    byte[] body = concat(before, new byte[] {(byte) 0xFF}, ".\\n\"}");
    int drafts = kissinger.get("/api/drafts").json().size();

    RawHttp.Answer a = raw.send(post("/api/drafts", "application/json", body.length), body);

    assertRefused(
        a,
        400,
        "INVALID",
        "body",
        "the body is not UTF-8: byte 0xFF at offset " + before.length() + " is not valid UTF-8");
    assertThat(kissinger.get("/api/drafts").json().size()).isEqualTo(drafts);
  }

  @Test
  void aNameWithABadUtf8ByteIsRefusedNotReadWithAReplacementCharacter() {
    byte[] body = concat("{\"name\":\"kiss", new byte[] {(byte) 0xC3}, "\",\"password\":\"x\"}");

    RawHttp.Answer a = raw.send(post("/api/login", "application/json", body.length), body);

    assertRefused(
        a,
        400,
        "INVALID",
        "body",
        "the body is not UTF-8: byte 0xC3 at offset 13 is not valid UTF-8");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin1",
        "application/jsonx"
      })
  void aJsonBodyNotDeclaredAsJsonIsRefused415(String contentType) {
    byte[] body = loginBody();

    RawHttp.Answer a = raw.send(post("/api/login", contentType, body.length), body);

    assertRefused(
        a,
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        "Content-Type",
        "the body must be sent as application/json, not " + contentType);
  }

  @Test
  void aBodyWithoutContentTypeIsRefused415() {
    byte[] body = loginBody();

    RawHttp.Answer a =
        raw.send(
            "POST /api/login HTTP/1.1\nHost: x\nContent-Length: " + body.length + "\n\n", body);

    assertRefused(
        a,
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        "Content-Type",
        "the body must be sent as application/json, not without a Content-Type");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON;charset=\"UTF-8\""
      })
  void aJsonBodyDeclaredAsJsonInUtf8IsRead(String contentType) {
    byte[] body = loginBody();

    RawHttp.Answer a = raw.send(post("/api/login", contentType, body.length), body);

    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  @Test
  void aFieldGivenTwiceIsRefusedNotTakenFromTheLastOne() {
    byte[] body =
        ("{\"name\":\"nobody\",\"password\":\""
                + TestStation.PASSWORD
                + "\",\"name\":\"kissinger\"}")
            .getBytes(StandardCharsets.UTF_8);

    RawHttp.Answer a = raw.send(post("/api/login", "application/json", body.length), body);

    assertRefused(
        a,
        400,
        "INVALID",
        "name",
        "the field name is given twice at line 1 column 59; give it once");
  }

  // ---- designators and numbers in their one canonical form ----

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "Hakto%20-1",
        "Hakto%2000001",
        "Hakto%20%201",
        "hakto%201",
        "HAKTO-1",
        "%20Hakto%201",
        "Hakto%201%2F%20WHS%201",
        "Hakto%20%D9%A1"
      })
  void aDesignatorInAnotherFormThanTheStationWritesIsRefused(String designator) {
    String written = URLDecoder.decode(designator, StandardCharsets.UTF_8);

    Http.Answer a = kissinger.get("/api/exchanges/OCT72/cables/" + designator);

    assertRefused(
        a,
        400,
        "INVALID",
        "designator",
        "\""
            + written
            + "\" is not a designator as the station writes it, such as HAKTO 45, Hakto 45/225"
            + " or /WHS 2282");
    assertRefused(
        kissinger.get("/api/exchanges/OCT72/cables/" + designator + "/receipts"),
        400,
        "INVALID",
        "designator",
        "\""
            + written
            + "\" is not a designator as the station writes it, such as HAKTO 45, Hakto 45/225"
            + " or /WHS 2282");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "HAKTO%201",
        "Hakto%201",
        "HAKTO%201%2FWHS%201",
        "Hakto%201%2FWHS%201",
        "WHS%201",
        "%2FWHS%201"
      })
  void aDesignatorAsTheStationWritesItFindsTheCable(String designator) {
    Http.Answer a = kissinger.get("/api/exchanges/OCT72/cables/" + designator);

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().get("designator").get("text").asText()).isEqualTo("Hakto 1/WHS 1");
  }

  @ParameterizedTest(name = "limit={0}")
  @ValueSource(strings = {"%D9%A1", "%2B1", "01", "-1", "1.0", "0", "1001", "%EF%BC%91"})
  void aLimitNotInPlainDigitsOrOutOfRangeIsRefused(String limit) {
    String written = URLDecoder.decode(limit, StandardCharsets.UTF_8);

    for (String path : new String[] {"/api/cables", "/api/inbox"}) {
      assertRefused(
          kissinger.get(path + "?limit=" + limit),
          400,
          "INVALID",
          "limit",
          "limit must be a number from 1 to 1000 in plain digits, not \"" + written + "\"");
    }
  }

  @Test
  void aLimitInPlainDigitsIsRead() {
    assertThat(kissinger.get("/api/cables?limit=1").status()).isEqualTo(200);
    assertThat(kissinger.get("/api/inbox?limit=1000").status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "series={0}")
  @ValueSource(strings = {"hakto", "%20HAKTO", "HaKTO", "HAKTO%20"})
  void aSeriesInAnotherFormThanTheStationWritesIsRefused(String series) {
    String written = URLDecoder.decode(series, StandardCharsets.UTF_8);

    assertRefused(
        kissinger.get("/api/cables?series=" + series),
        400,
        "INVALID",
        "series",
        "\"" + written + "\" is not a series as the station writes it, such as HAKTO");
  }

  @ParameterizedTest(name = "precedence={0}")
  @ValueSource(strings = {"flash", "%20FLASH", "FLASH%20%20OVERRIDE", "Flash"})
  void aPrecedenceInAnotherFormThanItsNameOrWordsIsRefused(String precedence) {
    String written = URLDecoder.decode(precedence, StandardCharsets.UTF_8);

    assertRefused(
        kissinger.get("/api/cables?precedence=" + precedence),
        400,
        "INVALID",
        "precedence",
        "\""
            + written
            + "\" is not a precedence: [FLASH_OVERRIDE, FLASH, IMMEDIATE, PRIORITY, ROUTINE]");
  }

  @ParameterizedTest(name = "precedence={0}")
  @ValueSource(strings = {"FLASH_OVERRIDE", "FLASH%20OVERRIDE", "IMMEDIATE"})
  void aPrecedenceByItsNameOrWordsIsRead(String precedence) {
    assertThat(kissinger.get("/api/cables?precedence=" + precedence).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "draft {0}")
  @ValueSource(strings = {"%2B1", "01", "1%20"})
  void aDraftIdInAnotherFormIsNoDraft(String id) {
    String written = URLDecoder.decode(id, StandardCharsets.UTF_8);

    assertRefused(
        kissinger.get("/api/drafts/" + id),
        404,
        "NOT_FOUND",
        "draft",
        "there is no draft " + written);
  }

  // ---- references: to paragraphs that exist, each once ----

  @Test
  void aReferenceToAParagraphTheCableDoesNotHaveIsRefused() {
    Http.Answer a = saveDraft("REF: HAKTO 1 PARA 9\n");

    assertRefused(
        a,
        400,
        "INVALID",
        "references",
        "REF HAKTO 1 PARA 9 names paragraph 9 of Hakto 1/WHS 1, which has no paragraph 9");
  }

  @Test
  void aReferenceToAParagraphTheCableHasIsKept() {
    Http.Answer a = saveDraft("REF: HAKTO 1 PARA 3\n");

    assertThat(a.status()).as(a.body()).isEqualTo(201);
  }

  @Test
  void theSameReferenceTwiceIsRefusedAtItsPlace() {
    Http.Answer a = saveDraft("REF: HAKTO 1; HAKTO 1\n");

    assertRefused(
        a,
        400,
        "INVALID",
        "text",
        "5:15: REFERENCE: REF HAKTO 1 is given twice; name each cable or paragraph once");
  }

  // ---- the rest of the API's promises ----

  @Test
  void tooManyLoginsAreAnswered429WithRetryAfterInSeconds(@TempDir Path dir) {
    try (TestStation limited = TestStation.start(dir, Map.of("login.attempts-per-minute", "2"))) {
      Http anonymous = limited.anonymous();
      String wrong = "{\"name\":\"admin\",\"password\":\"not the password\"}";
      anonymous.post("/api/login", wrong);
      anonymous.post("/api/login", wrong);

      Http.Answer a = anonymous.post("/api/login", wrong);

      assertRefused(a, 429, "RATE_LIMITED", "", "too many login attempts; try again in 60 s");
      // the clock stands still in tests: the first attempt leaves the window in exactly 60 s
      assertThat(a.header("Retry-After")).contains("60");
    }
  }

  @Test
  void theOpenApiDocumentNamesThePortItIsServedOn() {
    Http.Answer a = station.anonymous().get(StationServer.OPENAPI);

    assertThat(a.json().get("servers").get(0).get("url").asText())
        .isEqualTo("http://127.0.0.1:" + station.server.port());
  }

  // ---- helpers ----

  private Http.Answer saveDraft(String refLine) {
    String text =
        "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER\nTO: HAIG\n" + refLine + "\n1. REPLY.\n";
    return kissinger.post(
        "/api/drafts",
        JSON.createObjectNode().put("exchange", "OCT72").put("text", text).toString());
  }

  private static byte[] loginBody() {
    return ("{\"name\":\"kissinger\",\"password\":\"" + TestStation.PASSWORD + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private String post(String path, String contentType, int length) {
    return "POST "
        + path
        + " HTTP/1.1\nHost: x\nAuthorization: Bearer "
        + token
        + "\nContent-Type: "
        + contentType
        + "\nContent-Length: "
        + length
        + "\nConnection: close\n\n";
  }

  private static byte[] concat(String before, byte[] bad, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(bad);
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Content-Security-Policy",
          "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
          "X-Content-Type-Options",
          "nosniff",
          "X-Frame-Options",
          "DENY",
          "Referrer-Policy",
          "no-referrer",
          "Cache-Control",
          "no-store");

  private static void assertRefused(
      RawHttp.Answer a, int status, String code, String field, String message) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.header("Content-Type")).as(a.body()).contains("application/json");
    assertThat(a.json()).as(a.body()).isEqualTo(error(code, message, field));
    SECURITY_HEADERS.forEach(
        (name, value) -> assertThat(a.header(name)).as("%s of a %d", name, status).contains(value));
  }

  private static void assertRefused(
      Http.Answer a, int status, String code, String field, String message) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.header("Content-Type")).as(a.body()).contains("application/json");
    assertThat(a.json()).as(a.body()).isEqualTo(error(code, message, field));
    SECURITY_HEADERS.forEach(
        (name, value) -> assertThat(a.header(name)).as("%s of a %d", name, status).contains(value));
  }

  private static ObjectNode error(String code, String message, String field) {
    return JSON.createObjectNode().put("code", code).put("message", message).put("field", field);
  }
}
