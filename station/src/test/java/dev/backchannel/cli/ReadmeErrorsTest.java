package dev.backchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's table of errors ("Exit codes and errors") is what the command line prints: each row
 * is run, from the repository's folder, in an empty home (no login kept), and its exit code and
 * stderr must be the row's exactly. A row the CLI no longer prints fails here, not in a user's
 * hands.
 */
class ReadmeErrorsTest {
  /** The repository's folder: tests run in {@code station/}. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static final Pattern ROW = Pattern.compile("^\\| `([^`]*)` \\| (\\d) \\| (`.*`) \\|$");

  @TempDir Path home;

  /**
   * A row of the table.
   *
   * @param stderr its lines, each in backticks, joined by {@code <br>} in the table
   */
  record Row(String command, int exit, List<String> stderr) {
    @Override
    public String toString() {
      return command;
    }
  }

  static Stream<Row> rows() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    String table =
        readme.substring(
            readme.indexOf("<!-- errors: begin -->"), readme.indexOf("<!-- errors: end -->"));
    List<Row> rows = new ArrayList<>();
    for (String line : table.lines().toList()) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        rows.add(
            new Row(
                m.group(1),
                Integer.parseInt(m.group(2)),
                Stream.of(m.group(3).split("<br>"))
                    .map(l -> l.substring(1, l.length() - 1))
                    .toList()));
      }
    }
    assertThat(rows).as("rows of the README's table of errors").hasSizeGreaterThan(5);
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachDocumentedErrorPrintsItsLineAndExitsWithItsCode(Row row) {
    // the paths of the table are the repository's; the run sees them whole
    String[] args =
        Stream.of(row.command().split(" "))
            .map(a -> a.startsWith("docs/") ? ROOT.resolve(a).toString() : a)
            .toArray(String[]::new);
    Map<String, String> env =
        Map.of(
            "HOME", home.toString(),
            "XDG_CONFIG_HOME", home.resolve("config").toString(),
            "XDG_DATA_HOME", home.resolve("data").toString());

    CliRun run = CliRun.of(env, args);

    String expected =
        row.stderr().stream()
            .map(l -> l.replace("docs/", ROOT.resolve("docs") + "/") + "\n")
            .collect(Collectors.joining());
    assertThat(run.err()).as("stderr").isEqualTo(expected);
    assertThat(run.exit()).as("exit code").isEqualTo(row.exit());
  }
}
