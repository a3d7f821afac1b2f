package dev.backchannel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Fuzz target of the API's request bodies (issue 21), driven without a server: the bytes of a body,
 * decoded as Javalin's {@code ctx.body()} decodes them (UTF-8), go through {@link JsonBody#parse}
 * and then through the reads each route makes of its body (the field sets and accessors of the
 * accounts, channels, traffic and receipts routes). The only failure a body may cause is an {@link
 * ApiException} 400 INVALID; never a NullPointerException, ClassCastException, a Jackson exception
 * or an error.
 *
 * <p>Run by the surefire execution {@code fuzz-json} (station/pom.xml); seeds and findings are
 * under {@code src/test/resources/dev/backchannel/server/JsonBodyFuzzTestInputs/body/}.
 */
class JsonBodyFuzzTest {
  /** The station's mapper is a plain one (Station.server). */
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the routes read from their bodies, route by route. */
  private static final List<Consumer<JsonBody>> ROUTES =
      List.of(
          // POST /api/login, /api/setup (AccountsApi)
          b -> {
            b.only(Set.of("name", "password", "kind"));
            b.text("name");
            b.text("password").toCharArray();
          },
          b -> {
            b.only(Set.of("name", "setupToken", "password", "kind"));
            b.text("name");
            b.text("setupToken");
            b.text("password");
          },
          // PATCH a user (AccountsApi)
          b -> {
            b.only(
                Set.of(
                    "name",
                    "addressedAs",
                    "clearance",
                    "caveats",
                    "timeZone",
                    "officeHours",
                    "roles",
                    "password",
                    "disabled"));
            b.optionalText("name");
            b.optionalText("addressedAs");
            b.optionalText("clearance");
            b.optionalTexts("caveats");
            b.optionalText("timeZone");
            b.optionalText("officeHours");
            b.optionalTexts("roles");
            b.optionalText("password");
            b.optionalBool("disabled");
          },
          // channels and exchanges (ChannelsApi)
          b -> {
            b.only(Set.of("name", "ends"));
            b.text("name");
            b.optionalTexts("ends");
          },
          b -> b.only(Set.of("secondApproval")).optionalBool("secondApproval"),
          b -> b.only(Set.of("releaseAuthority")).optionalBool("releaseAuthority"),
          b -> {
            b.only(Set.of("name", "channel", "series"));
            b.text("name");
            b.text("channel");
            b.optionalTexts("series");
          },
          // drafts and release (TrafficApi)
          b -> {
            b.only(Set.of("exchange", "text"));
            b.text("exchange");
            b.text("text");
          },
          b -> b.only(Set.of("confirm")).optionalBool("confirm"),
          b -> {
            b.only(Set.of("text", "confirm"));
            b.text("text");
            b.optionalBool("confirm");
          },
          // receipts (ReceiptsApi)
          b -> {
            b.only(Set.of("kind", "client"));
            b.text("kind");
            b.optionalText("client");
          },
          b -> b.only(Set.of("to")).text("to"));

  @FuzzTest
  void body(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    JsonBody body;
    try {
      body = JsonBody.parse(JSON, text);
    } catch (ApiException refused) {
      assertBadInput(refused);
      return;
    }
    for (Consumer<JsonBody> route : ROUTES) {
      try {
        route.accept(body);
      } catch (ApiException refused) {
        assertBadInput(refused);
      }
    }
  }

  private static void assertBadInput(ApiException e) {
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("INVALID");
    assertThat(e.getMessage()).isNotBlank();
  }
}
