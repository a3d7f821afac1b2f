package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.audit.ProofCheck;
import dev.backchannel.audit.ProofJson;
import dev.backchannel.audit.ReceiptProof;
import dev.backchannel.audit.Verify;
import dev.backchannel.audit.VerifyJson;
import dev.backchannel.store.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backchannel audit}: the tamper-evident record (G8), its checkpoints and proofs. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "The audit log: checkpoints, receipts' proofs, and checking them.",
    subcommands = {
      AuditCommand.VerifyLog.class,
      AuditCommand.Checkpoint.class,
      AuditCommand.Prove.class,
      AuditCommand.CheckProof.class
    })
final class AuditCommand {

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Rebuilds every entry of the audit log from the rows it covers and the tree from the"
              + " entries, and checks every checkpoint's signature and root: directly on the"
              + " station file, or run by a station (administrators). Exit 1 at a divergence.")
  static final class VerifyLog extends DualCommand {
    VerifyLog(CliContext context) {
      super(context);
    }

    @Override
    int run(Store store) {
      Verify.Report report;
      try (ProgressBar bar = progressBar(store.logTree().size())) {
        report = services(store).audit().verify((done, total) -> step(bar, done, total));
      }
      return print(report);
    }

    /** Run by the station, which reports its progress in JSON lines as it goes. */
    @Override
    int runClient(StationClient client) {
      List<JsonNode> report = new ArrayList<>(1);
      try (ProgressBar bar = progressBar(0)) {
        client.postLines(
            "/api/log/verify",
            context.json().createObjectNode(),
            line -> {
              if (line.has("report")) {
                report.add(line.get("report"));
              } else {
                step(bar, line.path("checked").asLong(), line.path("total").asLong());
              }
            });
      }
      if (report.isEmpty()) {
        throw new StationClient.Failure(
            "UNAVAILABLE", "the station ended its answer without a report", ExitCode.FAILURE);
      }
      return print(VerifyJson.read(report.getFirst()));
    }

    private static void step(ProgressBar bar, long done, long total) {
      if (bar != null) {
        bar.maxHint(total);
        bar.stepTo(done);
      }
    }

    private int print(Verify.Report r) {
      if (!r.holds()) {
        Verify.Divergence first = r.first().orElseThrow();
        context
            .console()
            .error(
                "LOG_DIVERGES",
                first.line()
                    + (r.divergenceCount() > 1
                        ? " (and " + (r.divergenceCount() - 1) + " more)"
                        : ""));
        r.divergences().stream()
            .skip(1)
            .limit(20)
            .forEach(d -> context.console().err().println("  " + d.line()));
        return ExitCode.FAILURE;
      }
      context
          .console()
          .out()
          .println(
              "log holds: "
                  + r.entries()
                  + " entries rebuilt from their rows, "
                  + r.checkpoints()
                  + " checkpoints signed and consistent (reading rows "
                  + r.readingRows().toMillis()
                  + " ms, hashing "
                  + r.hashing().toMillis()
                  + " ms)");
      return ExitCode.OK;
    }

    /** A progress bar on a terminal; none in a pipe. */
    private static ProgressBar progressBar(long total) {
      if (System.console() == null) {
        return null;
      }
      return new ProgressBarBuilder()
          .setTaskName("verify")
          .setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new ConsoleProgressBarConsumer(System.err))
          .build();
    }
  }

  @Command(
      name = "checkpoint",
      mixinStandardHelpOptions = true,
      description = "Has the station sign a checkpoint of its log now (administrators); prints it.")
  static final class Checkpoint extends ClientCommand {
    Checkpoint(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      JsonNode c = client.post("/api/log/checkpoints", context.json().createObjectNode());
      context.console().out().print(c.path("note").asText());
      return ExitCode.OK;
    }
  }

  @Command(
      name = "prove",
      mixinStandardHelpOptions = true,
      description =
          "Writes the proof of a receipt as one JSON document that anyone can check offline:"
              + " the cable's and the receipt's log entries, their inclusion proofs, the"
              + " checkpoint and the station's key.")
  static final class Prove extends ClientCommand {
    @Parameters(paramLabel = "DESIGNATOR")
    String designator;

    @Mixin ExchangeOption exchange;

    @Option(
        names = "--reader",
        paramLabel = "NAME",
        description = "Whose receipt (default: yours).")
    String reader;

    @Option(
        names = "--kind",
        paramLabel = "KIND",
        description = "DELIVERED, OPENED, READ_IN_FULL, ACKNOWLEDGED (default: the latest).")
    String kind;

    @Option(names = "--out", paramLabel = "FILE", description = "Write it here, not to stdout.")
    Path out;

    Prove(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) throws IOException {
      StringBuilder query = new StringBuilder();
      Optional.ofNullable(reader)
          .ifPresent(r -> query.append(query.isEmpty() ? "?" : "&").append("reader=").append(q(r)));
      Optional.ofNullable(kind)
          .ifPresent(k -> query.append(query.isEmpty() ? "?" : "&").append("kind=").append(q(k)));
      JsonNode proof =
          client.get(
              TrafficCommands.cablePath(exchange.resolve(client), designator) + "/proof" + query);
      String text =
          context.json().writerWithDefaultPrettyPrinter().writeValueAsString(proof) + "\n";
      if (out == null) {
        context.console().out().print(text);
      } else {
        Files.writeString(out, text, StandardCharsets.UTF_8);
        context.console().out().println("proof written to " + out);
      }
      return ExitCode.OK;
    }

    private static String q(String s) {
      return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
  }

  @Command(
      name = "check-proof",
      mixinStandardHelpOptions = true,
      description =
          "Checks a proof written by audit prove, offline: the key, the checkpoint's signature, and"
              + " each entry's inclusion. Exit 1 when it does not hold.")
  static final class CheckProof implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    private final CliContext context;

    CheckProof(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      ReceiptProof proof;
      try {
        proof = ProofJson.read(context.json().readTree(Files.readString(file)));
      } catch (NoSuchFileException e) {
        context.console().error("NOT_FOUND", "no such file: " + file);
        return ExitCode.NOT_FOUND;
      } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
        context.console().error("INVALID", file + " is no proof: " + e.getMessage());
        return ExitCode.BAD_INPUT;
      }
      ProofCheck.Proven proven;
      try {
        proven = ProofCheck.check(proof);
      } catch (ProofCheck.Failed e) {
        context.console().error("PROOF_FAILED", e.getMessage());
        return ExitCode.FAILURE;
      }
      PrintStream out = context.console().out();
      out.println(
          "proof holds: "
              + proven.entries().size()
              + " entries in checkpoint "
              + proven.checkpoint().size()
              + " of "
              + proven.checkpoint().origin());
      for (int i = 0; i < proven.entries().size(); i++) {
        JsonNode e = proven.entries().get(i);
        ObjectNode event = (ObjectNode) e.path("event");
        out.println(
            "  entry "
                + proof.entries().get(i).index()
                + ": "
                + e.path("at").asText()
                + " "
                + e.path("kind").asText()
                + " "
                + event.toString());
      }
      return ExitCode.OK;
    }
  }
}
