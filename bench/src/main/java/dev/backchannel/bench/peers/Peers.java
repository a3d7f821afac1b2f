package dev.backchannel.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.bench.Figure;
import dev.backchannel.bench.RunContext;
import dev.backchannel.bench.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The peers a Backchannel user would pick instead, driven with the same work by the scripts of
 * {@code ../shared/peers} (they install the peer from Debian's packages, run it on loopback and
 * print one JSON object): Prosody with its durable archive (64 senders of 3 KB messages; an urgent
 * message behind 10,000) and Postfix with its fsync'd queue (64 sessions; a marked message behind
 * 10,000). Only with {@code --peers}: they need root and are not for CI. The run puts this scenario
 * between the station's, so each comparison is made in the same run.
 */
public final class Peers implements Scenario {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "peers";
  }

  @Override
  public String description() {
    return "Prosody (durable archive) and Postfix (fsync'd queue) with the same work";
  }

  @Override
  public List<Figure> run(RunContext run) throws Exception {
    JsonNode prosody =
        script(
            run.peersDir().resolve("prosody-bench.sh"),
            Map.of(
                "CONFIGS",
                "mam",
                "WORKLOADS",
                "throughput backlog",
                "REPS",
                run.pick("1", "2"),
                "TOTAL",
                run.pick("2000", "20000"),
                "BACKLOG",
                run.pick("500", "10000"),
                "VMSTAT",
                "0"));
    JsonNode mam = prosody.at("/results/mam");
    List<Double> flash = new ArrayList<>();
    for (JsonNode rep : mam.at("/backlog/reps")) {
      flash.add(rep.get("flash_latency_ms").asDouble());
    }
    JsonNode postfix =
        script(
            run.peersDir().resolve("postfix-bench.sh"),
            Map.of(
                "A_MSGS", run.pick("2000", "20000"),
                "A_REPEAT", run.pick("1", "2"),
                "B_MSGS", run.pick("200", "2000"),
                "C_MSGS", run.pick("500", "10000"),
                "C_REPEAT", run.pick("1", "2")));
    List<Double> accept = new ArrayList<>();
    List<Double> endToEnd = new ArrayList<>();
    for (JsonNode a : postfix.get("A")) {
      accept.add(a.get("accept_msgs_per_s").asDouble());
      endToEnd.add(a.get("e2e_msgs_per_s").asDouble());
    }
    List<Double> marker = new ArrayList<>();
    for (JsonNode c : postfix.get("C")) {
      marker.add(c.get("marker_accept_to_maildir_s").asDouble() * 1_000);
    }
    return List.of(
        new Figure(
            "peer.prosody.durable",
            "messages/s",
            List.of(mam.at("/throughput/msgs_per_s").asDouble()),
            "Prosody 0.12, archive (MAM) on, 64 senders, 3 KB"),
        new Figure("peer.prosody.flash", "ms", flash, "urgent message behind the backlog"),
        new Figure("peer.postfix.accept", "messages/s", accept, "Postfix 3.7, 64 sessions"),
        new Figure("peer.postfix.end-to-end", "messages/s", endToEnd, "accepted to Maildir"),
        new Figure("peer.postfix.flash", "ms", marker, "marked message behind the backlog"));
  }

  /** Runs a peer's script with its knobs; answers the JSON object it prints. */
  private static JsonNode script(Path script, Map<String, String> knobs)
      throws IOException, InterruptedException {
    ProcessBuilder b =
        new ProcessBuilder("bash", script.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    b.environment().putAll(knobs);
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(script + " failed (exit " + p.exitValue() + "): " + out);
    }
    return JSON.readTree(out);
  }
}
