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
    // as the launcher starts the station: each server with a class-data archive of its own, made
    // at its first stop (that first start is reported apart) and used by every start after it
    List<String> serve = new ArrayList<>();
    serve.add(run.java().toString());
    serve.addAll(archive(dir.resolve("station.jsa")));
    serve.addAll(
        StationProcess.javaCommand(run).subList(1, StationProcess.javaCommand(run).size()));
    List<String> javalin = new ArrayList<>();
    javalin.add(run.java().toString());
    javalin.addAll(archive(dir.resolve("bare.jsa")));
    javalin.addAll(run.stationJvm());
    javalin.addAll(List.of("-cp", run.classPath(), BareJavalin.class.getName()));
    Path first = copy(template, dir, "first");
    double stationFirst = start(withStore(serve, first), first.getParent(), null);
    double bareFirst = start(javalin, first.getParent(), null);
    for (int i = 0; i < pairs; i++) {
      Path copy = copy(template, dir, "station" + i);
      List<String> launch = withStore(serve, copy);
      // alternate which goes first, so neither always meets a cooler page cache
      double s;
      double b;
      if (i % 2 == 0) {
        s = start(launch, copy.getParent(), rss);
        b = start(javalin, copy.getParent(), null);
      } else {
        b = start(javalin, copy.getParent(), null);
        s = start(launch, copy.getParent(), rss);
      }
      station.add(s);
      bare.add(b);
      ratio.add(s / b);
    }
    return List.of(
        new Figure("start.station", "ms", station, "launch to first 200 of GET /api/openapi.json"),
        new Figure("start.bare-javalin", "ms", bare, "the same, a bare Javalin server"),
        new Figure("ratio.start.station/bare-javalin", "x", ratio, "per pair; target <= 1.5"),
        new Figure("start.station.rss", "MB", rss, "RSS at its first answer"),
        new Figure(
            "start.station.no-archive",
            "ms",
            List.of(stationFirst),
            "the first start, which makes the class-data archive"),
        new Figure(
            "start.bare-javalin.no-archive",
            "ms",
            List.of(bareFirst),
            "the first start, which makes the class-data archive"));
  }

  private static List<String> archive(Path file) {
    return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + file);
  }

  private static List<String> withStore(List<String> serve, Path store) {
    List<String> c = new ArrayList<>(serve);
    c.addAll(List.of("serve", "--store", store.toString()));
    return c;
  }

  private static Path copy(Path template, Path dir, String name) throws IOException {
    Path copy = dir.resolve(name).resolve("station.db");
    Files.createDirectories(copy.getParent());
    return Files.copy(template, copy);
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
