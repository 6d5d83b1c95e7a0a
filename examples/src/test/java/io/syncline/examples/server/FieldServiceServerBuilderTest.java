package io.syncline.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FieldServiceServerBuilderTest {

  @Test
  void rejectsImpossibleSettingsSayingWhatIsAllowed() {
    FieldServiceServer.Builder b = FieldServiceServer.builder();
    assertThatThrownBy(() -> b.port(70_000)).hasMessageContaining("0..65535");
    assertThatThrownBy(() -> b.orders(-1)).hasMessageContaining("orders must not be negative");
    assertThatThrownBy(() -> b.rateLimit(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> b.token(" ")).hasMessageContaining("token");
    assertThatThrownBy(() -> b.commitLag(java.time.Duration.ofSeconds(-1))).hasMessageContaining("commitLag");
  }

  @Test
  void tokenNeverAppearsInToString() {
    try (FieldServiceServer s = FieldServiceServer.builder().token("s3cr3t-value").orders(10).build().start()) {
      assertThat(s.toString()).doesNotContain("s3cr3t-value").contains("orders=10").contains("127.0.0.1");
    }
  }

  @Test
  void portInUseSaysWhatToDo() {
    try (FieldServiceServer a = FieldServiceServer.builder().orders(1).build().start()) {
      FieldServiceServer b = FieldServiceServer.builder().orders(1).port(a.port()).build();
      assertThatThrownBy(b::start).isInstanceOf(UncheckedIOException.class).hasMessageContaining("--port");
    }
  }

  @Test
  void emptyResourcesListEmpty() {
    try (FieldServiceServer s = FieldServiceServer.builder().orders(0).equipments(0).technicians(0).build().start()) {
      ApiClient.Response r = new ApiClient(s).get("/v1/orders");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"data\":[],\"meta\":{\"page\":1,\"per_page\":100,\"total\":0,\"has_more\":false}}");
    }
  }

  @Test
  void startsOnlyOnce() {
    FieldServiceServer s = FieldServiceServer.builder().orders(1).build().start();
    s.stop();
    assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class);
  }
}
