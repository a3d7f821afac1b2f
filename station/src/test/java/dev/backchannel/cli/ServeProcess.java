package dev.backchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code backchannel serve} in a JVM of its own, as a user runs it, for the tests that kill it: its
 * process and the URL it said it serves on.
 */
public record ServeProcess(Process process, String url) {
  private static final Pattern SERVING =
      Pattern.compile("serving station [A-Z]+ \\(.*\\) on (http://127\\.0\\.0\\.1:\\d+)");

  /**
   * Starts {@code serve --store STORE} on a free loopback port, without metrics, with cheap
   * password hashing and {@code settings} as BACKCHANNEL_* variables over those; its output goes to
   * {@code logs}.out and .err, its settings folder under {@code home}. Waits until it serves.
   */
  public static ServeProcess start(String store, Path home, Path logs, Map<String, String> settings)
      throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Path out = logs.resolveSibling(logs.getFileName() + ".out");
    Path err = logs.resolveSibling(logs.getFileName() + ".err");
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                // quicker to start on a busy machine; what is tested does not hang on the JIT
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--store",
                store)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("BACKCHANNEL_"));
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    env.put("BACKCHANNEL_HTTP_PORT", "0");
    env.put("BACKCHANNEL_METRICS_PORT", "off");
    env.put("BACKCHANNEL_ARGON2_MEMORY_KIB", "64");
    env.put("BACKCHANNEL_ARGON2_ITERATIONS", "1");
    env.putAll(settings);
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(Files.readString(out));
      if (m.find()) {
        return new ServeProcess(p, m.group(1));
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(20);
    }
    p.destroyForcibly();
    throw new AssertionError(
        "serve did not start (exit "
            + (p.isAlive() ? "none" : p.exitValue())
            + "): "
            + Files.readString(err));
  }

  /** Kills the process as a crash would (SIGKILL), and waits for it to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }
}
