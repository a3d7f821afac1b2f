package dev.backchannel.browser;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A browser test on a fresh {@link October} station of its own, closed after each test. */
abstract class OctoberTest {
  @TempDir Path dir;

  October october;

  @BeforeEach
  void startOctober() {
    october = October.start(dir);
  }

  @AfterEach
  void closeOctober() {
    october.close();
  }
}
