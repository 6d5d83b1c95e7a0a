package io.syncline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The default liveness check against real processes: this JVM and a child JVM that is killed. */
class ProcessLivenessTest {

  /** The child: sleeps until killed. */
  static final class Sleeping {
    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(120_000);
    }
  }

  @Test
  void thisProcessIsAlive() {
    assertThat(ProcessLiveness.ofThisHost().isGone(LeaseOwner.current())).isFalse();
  }

  @Test
  @Timeout(60)
  void aChildJvmIsAliveUntilKilledAndGoneAfter() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Sleeping.class.getName()).inheritIO().start();
    try {
      LeaseOwner holder = new LeaseOwner("here", child.pid(), child.info().startInstant(), "child01");
      assertThat(holder.processStart()).as("Linux reports process start times").isPresent();
      assertThat(ProcessLiveness.ofThisHost().isGone(holder)).isFalse();

      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

      assertThat(ProcessLiveness.ofThisHost().isGone(holder)).isTrue();
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aReusedProcessIdIsNotTheHolder() {
    ProcessHandle self = ProcessHandle.current();
    Instant started = self.info().startInstant().orElseThrow();
    LeaseOwner earlierHolder = new LeaseOwner("here", self.pid(), Optional.of(started.minus(Duration.ofMinutes(5))), "old1");
    LeaseOwner sameProcess = new LeaseOwner("here", self.pid(), Optional.of(started), "new1");
    assertThat(ProcessLiveness.ofThisHost().isGone(earlierHolder)).isTrue();
    assertThat(ProcessLiveness.ofThisHost().isGone(sameProcess)).isFalse();
  }

  @Test
  void assumeAliveNeverSaysGone() {
    assertThat(ProcessLiveness.assumeAlive().isGone(new LeaseOwner("here", 999_999_999L, Optional.empty(), "abcd")))
        .isFalse();
  }
}
