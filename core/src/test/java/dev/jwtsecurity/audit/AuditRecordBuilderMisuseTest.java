package dev.jwtsecurity.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditRecordBuilderMisuseTest {

  private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");

  @Test
  void builder_nullRequiredArgument_throws() {
    assertThatThrownBy(() -> AuditRecord.builder(null, "u", "a", AuditOutcome.SUCCESS))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AuditRecord.builder(T, null, "a", AuditOutcome.SUCCESS))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AuditRecord.builder(T, "u", null, AuditOutcome.SUCCESS))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AuditRecord.builder(T, "u", "a", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void build_blankUserOrAction_throws() {
    assertThatThrownBy(() -> AuditRecord.builder(T, " ", "a", AuditOutcome.SUCCESS).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("userId");
    assertThatThrownBy(() -> AuditRecord.builder(T, "u", "", AuditOutcome.SUCCESS).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("action");
  }

  @Test
  void resource_nullTypeOrId_throws() {
    assertThatThrownBy(
            () -> AuditRecord.builder(T, "u", "a", AuditOutcome.SUCCESS).resource(null, "1"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> AuditRecord.builder(T, "u", "a", AuditOutcome.SUCCESS).resource("doc", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void build_controlCharactersAndLongValues_areCleanedAndCapped() {
    AuditRecord r =
        AuditRecord.builder(T.plusNanos(1), "al\r\nice", "read\u001b[31m", AuditOutcome.SUCCESS)
            .resource("doc", "x".repeat(1000))
            .request(null)
            .build();

    assertThat(r.userId()).isEqualTo("al__ice");
    assertThat(r.action()).isEqualTo("read_[31m");
    assertThat(r.resourceId()).hasSizeLessThanOrEqualTo(AuditRecord.MAX_RESOURCE_ID + 8);
    assertThat(r.request()).isEqualTo(RequestContext.UNKNOWN);
    assertThat(r.time()).isEqualTo(T);
  }

  @Test
  void auditQuery_invalidRangeOrLimit_throws() {
    assertThatThrownBy(() -> new AuditQuery("u", T, T.minusSeconds(1), 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditQuery("u", T, T, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditQuery("u", T, T, AuditQuery.MAX_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditQuery(" ", T, T, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AuditQuery(null, T, T, 1))
        .isInstanceOf(NullPointerException.class);
  }
}
