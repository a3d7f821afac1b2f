package dev.backchannel.bench.start;

import dev.backchannel.bench.Figure;
import dev.backchannel.bench.RunContext;
import dev.backchannel.bench.Scenario;
import dev.backchannel.bench.station.StationProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 4 of issue 19: cold start, from the process's launch to its first answered request
 * ({@code GET /api/openapi.json}, 200), of the station on a set-up file and of a bare Javalin
 * server started the same way (same java, same JVM options), alternating in pairs.
 */
public final class ColdStart implements Scenario {
  @Override
  public String name() {
    return "start";
  }

  @Override
  public String description() {
    return "cold start to the first answered request, beside a bare Javalin server";
  }

  @Override
  public List<Figure> run(RunContext run) throws Exception {
    int pairs = run.pick(2, 10);
    Path dir = run.work().resolve("start");
    Path template = StationProcess.init(run, dir.resolve("template"));
    List<Double> station = new ArrayList<>();
    List<Double> bare = new ArrayList<>();
    List<Double> ratio = new ArrayList<>();
    List<Double> rss = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      Path copy = dir.resolve("station" + i).resolve("station.db");
      Files.createDirectories(copy.getParent());
      Files.copy(template, copy);
      List<String> serve = new ArrayList<>(StationProcess.javaCommand(run));
      serve.addAll(List.of("serve", "--store", copy.toString()));
      List<String> javalin = new ArrayList<>();
      javalin.add(run.java().toString());
      javalin.addAll(run.stationJvm());
      javalin.addAll(List.of("-cp", run.classPath(), BareJavalin.class.getName()));
      // alternate which goes first, so neither always meets a cooler page cache
      double s;
      double b;
      if (i % 2 == 0) {
        s = start(serve, copy.getParent(), rss);
        b = start(javalin, copy.getParent(), null);
      } else {
        b = start(javalin, copy.getParent(), null);
        s = start(serve, copy.getParent(), rss);
      }
      station.add(s);
      bare.add(b);
      ratio.add(s / b);
    }
    return List.of(
        new Figure("start.station", "ms", station, "launch to first 200 of GET /api/openapi.json"),
        new Figure("start.bare-javalin", "ms", bare, "the same, a bare Javalin server"),
        new Figure("ratio.start.station/bare-javalin", "x", ratio, "per pair; target <= 1.5"),
        new Figure("start.station.rss", "MB", rss, "RSS at its first answer"));
  }

  /** Launches a server and answers the milliseconds to its first 200; stops it again. */
  private static double start(List<String> command, Path dir, List<Double> rss)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    b.redirectOutput(dir.resolve("start-" + port + ".log").toFile());
    StationProcess.environment(
        b,
        dir,
        Map.of("BACKCHANNEL_HTTP_PORT", String.valueOf(port), "BACKCHANNEL_METRICS_PORT", "0"));
    URI probe = URI.create("http://127.0.0.1:" + port + "/api/openapi.json");
    try (HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build()) {
      long started = System.nanoTime();
      Process p = b.start();
      try {
        long deadline = started + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
          if (!p.isAlive()) {
            throw new IOException(
                String.join(" ", command)
                    + " exited with "
                    + p.exitValue()
                    + ": "
                    + Files.readString(dir.resolve("start-" + port + ".log")));
          }
          try {
            HttpResponse<Void> r =
                http.send(
                    HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200) {
              double ms = (System.nanoTime() - started) / 1e6;
              if (rss != null) {
                rss.add(StationProcess.rssMb(p.pid()));
              }
              return ms;
            }
          } catch (IOException notYet) {
            Thread.sleep(5);
          }
        }
        throw new IOException(String.join(" ", command) + " answered nothing within 60 s");
      } finally {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
        }
      }
    }
  }
}
