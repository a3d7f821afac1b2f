package dev.backchannel.bench.station;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One scrape of a station's Prometheus metrics: every sample line, by its series (name and labels
 * as written). The harness reads them to explain its figures (commit batches, queue depths).
 *
 * @param samples each series' value, as {@code name{labels}} to value
 */
public record Scrape(Map<String, Double> samples) {
  public Scrape {
    samples = Map.copyOf(samples);
  }

  /** Scrapes {@code url}; an empty scrape when the station serves no metrics. */
  public static Scrape of(Optional<URI> url) throws IOException, InterruptedException {
    if (url.isEmpty()) {
      return new Scrape(Map.of());
    }
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(url.get()).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException("the metrics endpoint answered " + r.statusCode());
      }
      return parse(r.body());
    }
  }

  /** Reads the text exposition format: comments skipped, one sample a line. */
  public static Scrape parse(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      try {
        out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        // a line of another form (a timestamp after the value) is not one this harness reads
      }
    }
    return new Scrape(out);
  }

  /** The sum of every series of a metric (all its label sets). */
  public double total(String name) {
    double sum = 0;
    for (Map.Entry<String, Double> e : samples.entrySet()) {
      String k = e.getKey();
      if (k.equals(name) || k.startsWith(name + "{")) {
        sum += e.getValue();
      }
    }
    return sum;
  }

  /** The change of a metric's total since an earlier scrape. */
  public double since(Scrape earlier, String name) {
    return total(name) - earlier.total(name);
  }

  public boolean isEmpty() {
    return samples.isEmpty();
  }
}
