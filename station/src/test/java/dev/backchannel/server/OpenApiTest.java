package dev.backchannel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document names exactly the routes the station serves. */
class OpenApiTest {
  @TempDir Path dir;
  private TestStation station;

  @BeforeEach
  void start() {
    station = TestStation.start(dir);
  }

  @AfterEach
  void stop() {
    station.close();
  }

  @Test
  void theDocumentNamesEveryServedRouteAndNoOther() {
    Http.Answer a = station.anonymous().get(StationServer.OPENAPI);
    assertThat(a.status()).isEqualTo(200);
    JsonNode doc = a.json();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    Set<String> documented = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
        assertThat(op.getValue().get("summary").asText()).as(path.getKey()).isNotBlank();
      }
    }
    Set<String> pages = new TreeSet<>();
    station.server.routes().stream().filter(Route::page).forEach(r -> pages.add(r.key()));
    Set<String> api = new TreeSet<>(station.server.servedRoutes());
    api.removeAll(pages);
    assertThat(pages).as("the web UI's pages").isNotEmpty();
    assertThat(documented).containsExactlyElementsOf(api);
  }

  @Test
  void everyRegisteredRouteIsServed() {
    Set<String> registered = new TreeSet<>();
    station.server.routes().forEach(r -> registered.add(r.key()));
    assertThat(registered).containsExactlyElementsOf(new TreeSet<>(station.server.servedRoutes()));
  }

  @Test
  void everyReferencedSchemaIsDefined() {
    JsonNode doc = station.anonymous().get(StationServer.OPENAPI).json();
    Set<String> defined = new TreeSet<>();
    doc.get("components").get("schemas").properties().forEach(e -> defined.add(e.getKey()));
    Set<String> referenced = new TreeSet<>();
    doc.findValues("$ref").stream()
        .map(JsonNode::asText)
        .filter(r -> r.startsWith("#/components/schemas/"))
        .forEach(r -> referenced.add(r.substring("#/components/schemas/".length())));
    assertThat(defined).containsAll(referenced);
  }
}
