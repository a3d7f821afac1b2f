package dev.backchannel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.Cable;
import dev.backchannel.cable.canonical.CableSyntaxException;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.cable.edition.EditionCable;
import dev.backchannel.cable.edition.EditionText;
import dev.backchannel.json.CableJson;
import dev.backchannel.json.EditionJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backchannel parse FILE...}: reads cables and prints them as JSON (DESIGN 4.3, one object a
 * line) or as canonical text. Each file is read on its own: a bad one is reported and the others
 * still printed.
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Reads cables and prints them as JSON (one object per file, JSON Lines) or canonical text.",
      "The input form is detected: canonical text starts with its precedence line, edition text",
      "with a numbered heading such as '54. Backchannel Message From ...'."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file was read",
      "1:a file could not be read for another reason",
      "2:a file is malformed (FILE:LINE:COL: CODE: reason on stderr), or bad usage",
      "3:a file does not exist"
    })
final class ParseCommand implements Callable<Integer> {
  /** The forms a cable can be read from. */
  enum From {
    canonical,
    edition
  }

  /** The forms a cable can be written in. */
  enum To {
    json,
    canonical
  }

  @Option(names = "--verbose", description = "Show the offending line and column of an error.")
  private boolean verbose;

  private final Console console;
  private final CanonicalText canonical;
  private final EditionText editions;
  private final ObjectMapper json;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Cable files to read.")
  private List<Path> files;

  @Option(
      names = "--from",
      paramLabel = "FORM",
      description = "Input form: ${COMPLETION-CANDIDATES} (default: detected from the text).")
  private From from;

  @Option(
      names = "--to",
      paramLabel = "FORM",
      defaultValue = "json",
      description =
          "Output form: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). Several canonical"
              + " cables are separated by one blank line.")
  private To to;

  ParseCommand(CliContext context) {
    this.console = context.console();
    this.canonical = context.canonical();
    this.editions = context.editions();
    this.json = context.json();
  }

  @Override
  public Integer call() throws IOException {
    int exit = ExitCode.OK;
    boolean first = true;
    for (Path file : files) {
      int code = parse(file, first);
      if (code == ExitCode.OK) {
        first = false;
      } else if (exit == ExitCode.OK) {
        exit = code;
      }
    }
    console.out().flush();
    return exit;
  }

  private int parse(Path file, boolean first) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      console.error("NOT_FOUND", file + ": no such file");
      return ExitCode.NOT_FOUND;
    } catch (AccessDeniedException e) {
      console.error("NOT_READABLE", file + ": permission denied");
      return ExitCode.FAILURE;
    } catch (IOException e) {
      console.error("NOT_READABLE", file + ": " + e.getMessage());
      return ExitCode.FAILURE;
    }
    From form = from != null ? from : detect(bytes);
    Cable cable;
    ObjectNode node;
    try {
      if (form == From.edition) {
        EditionCable read = editions.parse(bytes);
        cable = read.cable();
        node = EditionJson.of(read);
      } else {
        cable = canonical.parse(bytes);
        node = CableJson.of(cable);
      }
    } catch (CableSyntaxException e) {
      console.err().println(file + ":" + e.getMessage());
      if (verbose) {
        showPlace(bytes, e);
      }
      return ExitCode.BAD_INPUT;
    }
    switch (to) {
      case json -> {
        node.put("file", file.toString());
        console.out().println(json.writeValueAsString(node));
      }
      case canonical -> {
        if (!first) {
          console.out().println();
        }
        console.out().print(CanonicalText.render(cable));
      }
    }
    return ExitCode.OK;
  }

  /** Edition text opens with a numbered heading; anything else is read as canonical text. */
  private static From detect(byte[] bytes) {
    String start = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8);
    return EditionText.looksLikeEdition(start) ? From.edition : From.canonical;
  }

  /** Under --verbose: the offending line and a caret under the column. */
  private void showPlace(byte[] bytes, CableSyntaxException e) {
    List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
    if (e.line() <= lines.size()) {
      console.err().println("  " + lines.get(e.line() - 1));
      console.err().println("  " + " ".repeat(Math.max(0, e.column() - 1)) + "^");
    }
  }
}
