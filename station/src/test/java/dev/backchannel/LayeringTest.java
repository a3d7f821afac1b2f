package dev.backchannel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point inward (DESIGN 8): the HTTP server, the store and the domain exceptions know
 * none of the features built on them, so there is no cycle between a feature and the server.
 */
class LayeringTest {
  private static final Path MAIN = Path.of("src/main/java/dev/backchannel");

  private static final List<String> FEATURES =
      List.of("accounts", "cables", "channels", "live", "receipts", "traffic", "cli");

  /** The imports of the package's sources that name one of the features. */
  private static List<String> featureImports(String pkg) {
    try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .flatMap(
              f -> {
                try {
                  return Files.readAllLines(f).stream()
                      .filter(l -> l.startsWith("import dev.backchannel."))
                      .filter(
                          l ->
                              FEATURES.stream()
                                  .anyMatch(x -> l.startsWith("import dev.backchannel." + x + ".")))
                      .map(l -> f.getFileName() + ": " + l);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theServerKnowsNoFeature() {
    assertThat(featureImports("server")).isEmpty();
  }

  @Test
  void theStoreKnowsNoFeature() {
    assertThat(featureImports("store")).isEmpty();
  }

  @Test
  void theDomainExceptionsKnowNoFeature() {
    assertThat(featureImports("service")).isEmpty();
  }

  /** The feature services, which the routes, the web pages and the CLI share. */
  private static final List<String> SERVICES =
      List.of(
          "accounts/Accounts.java",
          "cables/Facts.java",
          "cables/Reading.java",
          "channels/Channels.java",
          "receipts/Receipts.java",
          "traffic/Drafting.java",
          "traffic/Holds.java",
          "traffic/Traffic.java");

  @Test
  void theFeatureServicesKnowNothingOfHttp() throws IOException {
    for (String service : SERVICES) {
      assertThat(Files.readAllLines(MAIN.resolve(service)))
          .as(service)
          .noneMatch(
              l ->
                  l.startsWith("import io.javalin.")
                      || l.startsWith("import dev.backchannel.server."));
    }
  }
}
