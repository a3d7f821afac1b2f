package dev.backchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edition-text fixtures (DESIGN 4.2): every {@code edition/NN-name.txt} on the test class path is
 * parsed by {@code backchannel parse} in-process, and its JSON, without {@code file}, must equal
 * {@code edition/NN-name.json}.
 */
class EditionFixturesTest {
  private static final String FOLDER = "edition";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The fixture folder as copied to the test class path. */
  private static Path folder() {
    URL url = EditionFixturesTest.class.getClassLoader().getResource(FOLDER);
    if (url == null) {
      throw new IllegalStateException("missing test resource folder " + FOLDER);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> names(String extension) {
    try (Stream<Path> files = Files.list(folder())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(extension))
          .map(n -> n.substring(0, n.length() - extension.length()))
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<String> fixtures() {
    return names(".txt").stream();
  }

  @Test
  void everyFixtureHasItsExpectedJsonAndEveryJsonItsFixture() {
    Set<String> texts = names(".txt");
    Set<String> jsons = names(".json");

    assertThat(texts).as("fixtures in %s", FOLDER).hasSizeGreaterThanOrEqualTo(12);
    assertThat(texts)
        .as("fixture names are NN-short-name")
        .allSatisfy(n -> assertThat(n).matches("[0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*"));
    assertThat(jsons).as(".json files without a .txt fixture").isSubsetOf(texts);
    assertThat(texts).as(".txt fixtures without an expected .json").isSubsetOf(jsons);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void parsesToTheExpectedJson(String name) throws IOException {
    Path file = copy(name + ".txt");
    JsonNode expected = JSON.readTree(resource(name + ".json"));

    CliRun run = CliRun.of("parse", file.toString());

    assertThat(run.err()).as("stderr of parse %s", name).isEmpty();
    assertThat(run.exit()).as("exit code of parse %s", name).isZero();
    assertThat(run.out().lines()).as("one JSON line").hasSize(1);
    JsonNode actual = JSON.readTree(run.out());
    assertThat(actual.path("file").asText()).isEqualTo(file.toString());
    ((ObjectNode) actual).remove("file");
    assertThat(expected.has("file")).as("expected JSON of %s has no \"file\"", name).isFalse();

    List<String> differences = new ArrayList<>();
    diff("$", expected, actual, differences);
    assertThat(differences)
        .withFailMessage(
            () ->
                "%s.txt parses differently from %s.json (%d difference(s)):%n  %s%n%nactual JSON:%n%s"
                    .formatted(
                        name,
                        name,
                        differences.size(),
                        String.join(System.lineSeparator() + "  ", differences),
                        pretty(actual)))
        .isEmpty();
  }

  private byte[] resource(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/" + FOLDER + "/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /" + FOLDER + "/" + name);
      }
      return in.readAllBytes();
    }
  }

  private Path copy(String name) throws IOException {
    return Files.write(dir.resolve(name), resource(name));
  }

  private static String pretty(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds one line per difference between the trees: {@code path: expected X but was Y}, missing and
   * unexpected keys, array lengths, and the order of an object's keys (the README fixes it).
   */
  private static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (expected.isObject() && actual.isObject()) {
      List<String> expectedKeys = keys(expected);
      List<String> actualKeys = keys(actual);
      for (String key : expectedKeys) {
        if (!actual.has(key)) {
          out.add(path + "." + key + ": missing, expected " + expected.get(key));
        } else {
          diff(path + "." + key, expected.get(key), actual.get(key), out);
        }
      }
      for (String key : actualKeys) {
        if (!expected.has(key)) {
          out.add(path + "." + key + ": unexpected, was " + actual.get(key));
        }
      }
      List<String> common = new ArrayList<>(actualKeys);
      common.retainAll(expectedKeys);
      List<String> expectedOrder = new ArrayList<>(expectedKeys);
      expectedOrder.retainAll(actualKeys);
      if (!common.equals(expectedOrder)) {
        out.add(path + ": keys in order " + expectedOrder + " but were " + common);
      }
    } else if (expected.isArray() && actual.isArray()) {
      int n = Math.min(expected.size(), actual.size());
      for (int i = 0; i < n; i++) {
        diff(path + "[" + i + "]", expected.get(i), actual.get(i), out);
      }
      for (int i = n; i < expected.size(); i++) {
        out.add(path + "[" + i + "]: missing, expected " + expected.get(i));
      }
      for (int i = n; i < actual.size(); i++) {
        out.add(path + "[" + i + "]: unexpected, was " + actual.get(i));
      }
    } else if (!expected.equals(actual)) {
      out.add(path + ": expected " + expected + " but was " + actual);
    }
  }

  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }
}
