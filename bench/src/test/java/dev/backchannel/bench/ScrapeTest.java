package dev.backchannel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.bench.station.Scrape;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapeTest {
  private static final String TEXT =
      """
      # HELP backchannel_store_commit_batch tasks a commit
      # TYPE backchannel_store_commit_batch summary
      backchannel_store_commit_batch_count 4.0
      backchannel_store_commit_batch_sum 10.0
      backchannel_releases_total{precedence="FLASH"} 1.0
      backchannel_releases_total{precedence="ROUTINE"} 2.0
      """;

  @Test
  void aMetricsTotalAddsEveryLabelSetOfIt() {
    Scrape s = Scrape.parse(TEXT);

    assertThat(s.total("backchannel_releases_total")).isEqualTo(3.0);
    assertThat(s.total("backchannel_store_commit_batch_sum")).isEqualTo(10.0);
    assertThat(s.total("backchannel_store_commit_batch"))
        .as("no series of that exact name")
        .isZero();
  }

  @Test
  void sinceIsTheChangeBetweenTwoScrapes() {
    Scrape before = new Scrape(Map.of("backchannel_store_commit_batch_count", 1.0));

    assertThat(Scrape.parse(TEXT).since(before, "backchannel_store_commit_batch_count"))
        .isEqualTo(3.0);
  }
}
