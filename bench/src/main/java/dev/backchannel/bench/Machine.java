package dev.backchannel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The facts of the machine a run was made on, for the results: figures mean little without. */
final class Machine {
  private Machine() {}

  static Map<String, String> facts() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    m.put("memory", firstLine(Path.of("/proc/meminfo"), "MemTotal:"));
    m.put("cpu", firstLine(Path.of("/proc/cpuinfo"), "model name"));
    m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("store", "SQLite (embedded), WAL, synchronous=FULL");
    m.put("load average at start", firstLine(Path.of("/proc/loadavg"), ""));
    m.put("started", Instant.now().toString());
    return m;
  }

  private static String firstLine(Path file, String prefix) {
    try {
      return Files.readAllLines(file).stream()
          .filter(l -> l.startsWith(prefix))
          .findFirst()
          .map(l -> l.substring(prefix.length()).replaceFirst("^\\s*:?\\s*", "").strip())
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
