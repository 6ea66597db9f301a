package dev.jwtsecurity.audit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemoryAuditTrailBuilderMisuseTest {

  @Test
  void maxRecords_zeroOrNegative_throws() {
    assertThatThrownBy(() -> InMemoryAuditTrail.builder().maxRecords(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRecords");
    assertThatThrownBy(() -> InMemoryAuditTrail.builder().maxRecords(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void maxRecords_aboveCap_throws() {
    assertThatThrownBy(
            () -> InMemoryAuditTrail.builder().maxRecords(InMemoryAuditTrail.MAX_MAX_RECORDS + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void maxRecords_bounds_areAccepted() {
    assertThatCode(
            () ->
                InMemoryAuditTrail.builder()
                    .maxRecords(1)
                    .maxRecords(InMemoryAuditTrail.MAX_MAX_RECORDS))
        .doesNotThrowAnyException();
  }
}
