package dev.backchannel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.canonical.CableSyntaxException;
import dev.backchannel.cable.edition.Edition;
import dev.backchannel.cable.edition.EditionCable;
import dev.backchannel.cable.rules.Gaps;
import dev.backchannel.cable.rules.SerialRange;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.ImportRequest;
import dev.backchannel.store.ImportResult;
import dev.backchannel.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backchannel import FILE|DIR... --exchange NAME}: edition texts into an exchange (DESIGN
 * 4.2). Files are read in chunks, parsed on every core and stored one transaction a chunk; a bad
 * file is reported and stores nothing, the others go on. Ends with a summary: imported, duplicates,
 * conflicts, gaps per series, references that resolve to nothing, unplaced lines, and how long the
 * reading and storing took (from the first file to the last commit; not the start of the process).
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Imports edition texts (files, or folders read recursively) into an exchange.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file was imported or skipped as a duplicate",
      "2:some files could not be read as cables (each reported; the others imported)",
      "3:the exchange or a named file does not exist",
      "4:some cables conflict with held ones or do not belong to the exchange (not stored)"
    })
final class ImportCommand extends DirectCommand {
  /** Files parsed and stored together: one transaction, bounded memory. */
  static final int CHUNK = 2_000;

  /** Unplaced lines listed one by one in the summary; the rest are counted. */
  private static final int UNPLACED_SHOWN = 20;

  @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Edition texts or folders.")
  List<Path> paths;

  @Option(names = "--exchange", required = true, paramLabel = "NAME", description = "The exchange.")
  String exchange;

  @Option(names = "--json", description = "Print the summary as one JSON object.")
  boolean json;

  ImportCommand(CliContext context) {
    super(context);
  }

  /** What reading one file gave: a cable, or the error line to print. */
  private record Read(Path file, EditionCable cable, String error) {}

  @Override
  int run(Store store) throws IOException {
    long started = System.nanoTime();
    ExchangeInfo x = ExchangeOption.require(store, exchange);
    List<Path> files = new ArrayList<>();
    int missing = 0;
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        // the walk's own attributes say which are files: no second look at each
        try (Stream<Path> walk =
            Files.find(
                p,
                Integer.MAX_VALUE,
                (f, attributes) ->
                    attributes.isRegularFile()
                        || (attributes.isSymbolicLink() && Files.isRegularFile(f)))) {
          walk.filter(f -> !f.getFileName().toString().startsWith("."))
              .sorted()
              .forEach(files::add);
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        context.console().error("NOT_FOUND", p + ": no such file or folder");
        missing++;
      }
    }
    Map<ImportResult.Outcome, Integer> counts = new EnumMap<>(ImportResult.Outcome.class);
    for (ImportResult.Outcome o : ImportResult.Outcome.values()) {
      counts.put(o, 0);
    }
    List<String> problems = new ArrayList<>();
    List<String> unplaced = new ArrayList<>();
    int unplacedCount = 0;
    int bad = 0;
    ExecutorService storing = Executors.newSingleThreadExecutor();
    CompletableFuture<List<ImportResult>> pending = CompletableFuture.completedFuture(List.of());
    try (ProgressBar bar = progressBar(files.size())) {
      for (int from = 0; from < files.size(); from += CHUNK) {
        List<Path> chunk = files.subList(from, Math.min(files.size(), from + CHUNK));
        List<Read> reads = chunk.parallelStream().map(this::read).toList();
        List<ImportRequest> requests = new ArrayList<>(reads.size());
        for (Read r : reads) {
          if (r.error() != null) {
            context.console().err().println(r.error());
            bad++;
            continue;
          }
          Edition e = r.cable().edition();
          for (Edition.UnplacedLine u : e.unplacedLines()) {
            unplacedCount++;
            if (unplaced.size() < UNPLACED_SHOWN) {
              unplaced.add(r.file() + ":" + u.line() + ": " + u.reason());
            }
          }
          requests.add(
              new ImportRequest(
                  r.cable().cable(),
                  r.cable().canonical(),
                  OptionalInt.of(e.document()),
                  e.original(),
                  r.file().toString()));
        }
        // the store writes this chunk while the next one is read: at most two in memory
        tally(pending.join(), counts, problems);
        pending =
            requests.isEmpty()
                ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(
                    () -> store.importCables(x.name(), requests, "operator"), storing);
        if (bar != null) {
          bar.stepBy(chunk.size());
        }
      }
      tally(pending.join(), counts, problems);
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    } finally {
      storing.shutdown();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    summary(store, x, counts, bad + missing, problems, unplaced, unplacedCount, files.size(), took);
    if (missing > 0) {
      return ExitCode.NOT_FOUND;
    }
    if (bad > 0) {
      return ExitCode.BAD_INPUT;
    }
    return problems.isEmpty() ? ExitCode.OK : ExitCode.NEEDS_CONFIRMATION;
  }

  private void tally(
      List<ImportResult> results,
      Map<ImportResult.Outcome, Integer> counts,
      List<String> problems) {
    for (ImportResult result : results) {
      counts.merge(result.outcome(), 1, Integer::sum);
      if (result.outcome() == ImportResult.Outcome.CONFLICT
          || result.outcome() == ImportResult.Outcome.REFUSED) {
        String line = result.source() + ": " + result.outcome() + ": " + result.reason();
        problems.add(line);
        context.console().err().println(line);
      }
    }
  }

  private Read read(Path file) {
    try {
      return new Read(file, context.editions().parse(Files.readAllBytes(file)), null);
    } catch (CableSyntaxException e) {
      return new Read(file, null, file + ":" + e.getMessage());
    } catch (NoSuchFileException e) {
      return new Read(file, null, "NOT_FOUND: " + file + ": no such file");
    } catch (IOException e) {
      return new Read(file, null, "NOT_READABLE: " + file + ": " + e.getMessage());
    } catch (UncheckedIOException e) {
      return new Read(file, null, "NOT_READABLE: " + file + ": " + e.getCause().getMessage());
    }
  }

  /** A progress bar on a terminal; none in a pipe. */
  private ProgressBar progressBar(int total) {
    if (System.console() == null || total < CHUNK) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName("import")
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
        .build();
  }

  private void summary(
      Store store,
      ExchangeInfo x,
      Map<ImportResult.Outcome, Integer> counts,
      int bad,
      List<String> problems,
      List<String> unplaced,
      int unplacedCount,
      int fileCount,
      Duration took) {
    double seconds = took.toNanos() / 1e9;
    long filesPerSecond = seconds > 0 ? Math.round(fileCount / seconds) : 0;
    Map<String, List<SerialRange>> gaps = new java.util.LinkedHashMap<>();
    for (ExchangeInfo.SeriesInfo s : x.series()) {
      gaps.put(s.series().name(), Gaps.of(store.serials(x.name(), s.series())));
    }
    List<String> unresolved = store.unresolvedReferences(x.name());
    var out = context.console().out();
    if (json) {
      ObjectNode o = context.json().createObjectNode();
      o.put("exchange", x.name());
      o.put("imported", counts.get(ImportResult.Outcome.IMPORTED));
      o.put("duplicates", counts.get(ImportResult.Outcome.DUPLICATE));
      o.put("conflicts", counts.get(ImportResult.Outcome.CONFLICT));
      o.put("refused", counts.get(ImportResult.Outcome.REFUSED));
      o.put("badFiles", bad);
      ArrayNode problemList = o.putArray("problems");
      problems.forEach(problemList::add);
      ObjectNode gapNode = o.putObject("gaps");
      gaps.forEach(
          (series, ranges) -> {
            ArrayNode a = gapNode.putArray(series);
            ranges.forEach(r -> a.add(r.text()));
          });
      ArrayNode refs = o.putArray("unresolvedReferences");
      unresolved.forEach(refs::add);
      o.put("unplacedLines", unplacedCount);
      ArrayNode shown = o.putArray("unplaced");
      unplaced.forEach(shown::add);
      o.put("files", fileCount);
      o.put("seconds", Math.round(seconds * 1000) / 1000.0);
      o.put("filesPerSecond", filesPerSecond);
      out.println(o);
      return;
    }
    out.printf(
        "Imported %d %s into %s: %d duplicates skipped, %d conflicts, %d refused, %d bad"
            + " files%n",
        counts.get(ImportResult.Outcome.IMPORTED),
        counts.get(ImportResult.Outcome.IMPORTED) == 1 ? "cable" : "cables",
        x.name(),
        counts.get(ImportResult.Outcome.DUPLICATE),
        counts.get(ImportResult.Outcome.CONFLICT),
        counts.get(ImportResult.Outcome.REFUSED),
        bad);
    gaps.forEach(
        (series, ranges) ->
            out.println(
                "Gaps in "
                    + series
                    + ": "
                    + (ranges.isEmpty()
                        ? "none"
                        : ranges.stream()
                            .map(SerialRange::text)
                            .collect(Collectors.joining(", ")))));
    out.println(
        "References that resolve to nothing: "
            + (unresolved.isEmpty() ? "none" : unresolved.size()));
    unresolved.stream().limit(UNPLACED_SHOWN).forEach(r -> out.println("  " + r));
    out.println("Unplaced lines: " + (unplacedCount == 0 ? "none" : unplacedCount));
    unplaced.forEach(u -> out.println("  " + u));
    out.printf(
        Locale.ROOT, "Read %d files in %.1f s: %d files/s%n", fileCount, seconds, filesPerSecond);
  }
}
