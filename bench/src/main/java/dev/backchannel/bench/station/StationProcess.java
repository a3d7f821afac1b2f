package dev.backchannel.bench.station;

import dev.backchannel.bench.RunContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real station as a user runs it: a separate {@code java -jar backchannel.jar serve} process on
 * its own station file, on a free loopback port. {@link #close} stops it as Ctrl-C would (the
 * shutdown hook closes the store), and kills it when it does not stop within 30 s.
 */
public final class StationProcess implements AutoCloseable {
  /**
   * Settings for a station whose traffic is measured, not its logins: each of 64 clients logs in
   * once, so logins are made cheap (Argon2id at 64 KiB, one pass) and the login limit high. The
   * memory scenario, which measures logins, keeps the real hashing.
   */
  public static final Map<String, String> CHEAP_LOGINS =
      Map.of(
          "BACKCHANNEL_ARGON2_MEMORY_KIB", "64",
          "BACKCHANNEL_ARGON2_ITERATIONS", "1",
          "BACKCHANNEL_LOGIN_ATTEMPTS_PER_MINUTE", "1000");

  /** The password every user of a bench station gets (the harness's own stations only). */
  public static final String PASSWORD = "bench station password";

  private static final Pattern SERVING = Pattern.compile("serving station .* on (http://\\S+)");
  private static final Pattern METRICS = Pattern.compile("metrics on (http://\\S+)");

  private final Process process;
  private final URI url;
  private final Optional<URI> metrics;
  private final Path log;
  private boolean closed;

  private StationProcess(Process process, URI url, Optional<URI> metrics, Path log) {
    this.process = process;
    this.url = url;
    this.metrics = metrics;
    this.log = log;
  }

  /**
   * Sets up a new station file with {@code backchannel init}: prefix WHS, administrator {@code
   * admin} with {@link #PASSWORD}.
   *
   * @throws IOException when init does not exit 0 (its output is in the message)
   */
  public static Path init(RunContext run, Path dir) throws IOException, InterruptedException {
    Path store = dir.resolve("station.db");
    init(run, dir, store.toString());
    return store;
  }

  /**
   * Sets up a new station in {@code store} (a file's path, or a PostgreSQL database whose password
   * is in this process's {@code BACKCHANNEL_STORE_PASSWORD}) with {@code backchannel init}.
   *
   * @throws IOException when init does not exit 0 (its output is in the message)
   */
  public static void init(RunContext run, Path dir, String store)
      throws IOException, InterruptedException {
    init(run, dir, store, "WHS");
  }

  /** As {@link #init(RunContext, Path, String)}, for a station of another prefix. */
  public static void init(RunContext run, Path dir, String store, String prefix)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>(javaCommand(run));
    command.addAll(List.of("init", "--prefix", prefix, "--name", "Bench", "--store", store));
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    environment(b, dir, Map.of("BACKCHANNEL_ADMIN_PASSWORD", PASSWORD));
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("backchannel init failed: " + out);
    }
  }

  /**
   * Starts {@code backchannel serve} on the file and waits for its "serving" line.
   *
   * @param settings {@code BACKCHANNEL_*} settings for this station (the port is always a free one)
   * @throws IOException when it exits or prints no "serving" line within 60 s (its log is in the
   *     message)
   */
  public static StationProcess serve(RunContext run, Path store, Map<String, String> settings)
      throws IOException, InterruptedException {
    return serve(run, store.getParent(), store.toString(), settings);
  }

  /**
   * Starts {@code backchannel serve} on {@code store} (a file's path or a PostgreSQL database),
   * with {@code dir} as its home, and waits for its "serving" line.
   */
  public static StationProcess serve(
      RunContext run, Path dir, String store, Map<String, String> settings)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path log = Files.createTempFile(dir, "serve", ".log");
    List<String> command = new ArrayList<>(javaCommand(run));
    command.addAll(List.of("serve", "--store", store));
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = new HashMap<>(settings);
    env.put("BACKCHANNEL_HTTP_PORT", "0");
    env.putIfAbsent("BACKCHANNEL_METRICS_PORT", "0");
    environment(b, dir, env);
    Process p = b.start();
    CompletableFuture<URI> url = new CompletableFuture<>();
    CompletableFuture<Optional<URI>> metrics = new CompletableFuture<>();
    Thread.ofPlatform().daemon().name("station-output").start(() -> follow(p, log, url, metrics));
    try {
      URI serving = url.get(60, TimeUnit.SECONDS);
      // the metrics line follows the serving line at once when there is one
      Optional<URI> scrape = metrics.completeOnTimeout(Optional.empty(), 2, TimeUnit.SECONDS).get();
      return new StationProcess(p, serving, scrape, log);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      p.destroyForcibly().waitFor();
      throw new IOException("the station did not start: " + Files.readString(log), e);
    }
  }

  private static void follow(
      Process p, Path log, CompletableFuture<URI> url, CompletableFuture<Optional<URI>> metrics) {
    try (BufferedReader in =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.write(line);
        out.newLine();
        out.flush();
        Matcher m = SERVING.matcher(line);
        if (m.find()) {
          url.complete(URI.create(m.group(1)));
        }
        Matcher s = METRICS.matcher(line);
        if (s.find()) {
          metrics.complete(Optional.of(URI.create(s.group(1))));
        }
      }
    } catch (IOException e) {
      url.completeExceptionally(e);
    }
    url.completeExceptionally(new IOException("the station's output ended"));
  }

  /** The java command that runs the station jar, with the JVM options the launcher gives it. */
  public static List<String> javaCommand(RunContext run) {
    List<String> c = new ArrayList<>();
    c.add(run.java().toString());
    c.addAll(run.stationJvm());
    c.add("-jar");
    c.add(run.stationJar().toString());
    return c;
  }

  /** A clean environment: a home of its own, so nothing of the user's settings leaks in. */
  public static void environment(ProcessBuilder b, Path dir, Map<String, String> settings) {
    Map<String, String> env = b.environment();
    env.keySet()
        .removeIf(k -> k.startsWith("BACKCHANNEL_") && !k.equals("BACKCHANNEL_STORE_PASSWORD"));
    env.put("HOME", dir.toString());
    env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    env.put("XDG_DATA_HOME", dir.resolve("data").toString());
    env.putAll(settings);
  }

  public URI url() {
    return url;
  }

  /** The loopback metrics endpoint, when the station serves one. */
  public Optional<URI> metrics() {
    return metrics;
  }

  public long pid() {
    return process.pid();
  }

  /** The process's resident set size now, in MB (VmRSS of /proc). */
  public double rssMb() throws IOException {
    return rssMb(pid());
  }

  /** The most the process has held resident so far, in MB (VmHWM of /proc). */
  public double peakRssMb() throws IOException {
    return status(pid(), "VmHWM:");
  }

  /** A process's resident set size now, in MB (VmRSS of /proc). */
  public static double rssMb(long pid) throws IOException {
    return status(pid, "VmRSS:");
  }

  private static double status(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    throw new IOException("no " + field + " in /proc/" + pid + "/status");
  }

  /**
   * The CPU time the process has used so far (user and system, from /proc), in seconds: divided by
   * the cables of a round it tells what a cable costs the station, whatever the machine's load.
   */
  public double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
    // the command name may hold spaces: the fields are counted after its closing parenthesis
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks / (double) CLOCK_TICKS;
  }

  /** Linux's USER_HZ, the unit of /proc's CPU times: 100 on every platform Linux runs on here. */
  private static final int CLOCK_TICKS = 100;

  /** What the station printed so far (its log), for a failure's message. */
  public String log() throws IOException {
    return Files.readString(log);
  }

  /**
   * Stops the station as Ctrl-C would and waits for it; kills it after {@code grace}. Idempotent.
   *
   * @return whether it stopped by itself within the grace time
   */
  public boolean stop(Duration grace) throws InterruptedException {
    if (closed) {
      return true;
    }
    closed = true;
    process.destroy();
    if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      return true;
    }
    process.destroyForcibly().waitFor();
    return false;
  }

  /** Stops it as {@link #stop} does with 30 s of grace; interrupted, kills it at once. */
  @Override
  public void close() {
    try {
      stop(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
