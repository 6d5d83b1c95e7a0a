package io.syncline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaseOwnerTest {

  @Test
  void theStoredFormReadsBackAsTheSameOwner() {
    LeaseOwner o = new LeaseOwner("web-1.example.com", 4242, Optional.of(Instant.ofEpochMilli(1764403200123L)), "9f2c1a7b");
    assertThat(o.encode()).isEqualTo("web-1.example.com/4242/1764403200123/9f2c1a7b");
    assertThat(LeaseOwner.parse(o.encode())).contains(o);
    LeaseOwner noStart = new LeaseOwner("h", 1, Optional.empty(), "abcd");
    assertThat(LeaseOwner.parse(noStart.encode())).contains(noStart);
  }

  @Test
  void theCurrentOwnerNamesThisProcessAndDiffersPerEngine() {
    LeaseOwner a = LeaseOwner.current();
    LeaseOwner b = LeaseOwner.current();
    assertThat(a.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(a.host()).isEqualTo(LeaseOwner.localHostName()).isNotBlank().doesNotContain("/");
    assertThat(a.random()).isNotEqualTo(b.random());
    assertThat(a.encode().length()).isLessThanOrEqualTo(255);
    assertThat(LeaseOwner.parse(a.encode())).contains(a);
  }

  @Test
  void idsInOtherFormsDoNotParse() {
    assertThat(LeaseOwner.parse("syncline-6f1c0c1e-3b59-4d4e-9d4f-0c1a2b3c4d5e")).isEmpty();
    assertThat(LeaseOwner.parse("other-instance")).isEmpty();
    assertThat(LeaseOwner.parse("host/notapid/-/abcd")).isEmpty();
    assertThat(LeaseOwner.parse("host/12/-/UPPER")).isEmpty();
    assertThat(LeaseOwner.parse(null)).isEmpty();
  }

  @Test
  void aHostWithASlashIsRefused() {
    assertThatThrownBy(() -> LeaseOwner.of("a/b")).isInstanceOf(IllegalArgumentException.class);
  }
}
