package dev.jwtsecurity.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityEventListenerTest {

  private static final SecurityEvent EVENT =
      SecurityEvent.builder(SecurityEventType.AUTHZ_FAIL, Instant.parse("2026-11-27T12:00:00Z"))
          .build();

  @Test
  void all_throwingListenerInTheMiddle_othersStillReceiveAndCallerSeesNothing() {
    List<String> seen = new ArrayList<>();
    SecurityEventListener fanOut =
        SecurityEventListener.all(
            e -> seen.add("first"),
            e -> {
              throw new IllegalStateException("broken sink");
            },
            e -> seen.add("third"));

    assertThatCode(() -> fanOut.onEvent(EVENT)).doesNotThrowAnyException();
    assertThat(seen).containsExactly("first", "third");
  }

  @Test
  void all_nullListener_throwsAtOnce() {
    assertThatThrownBy(() -> SecurityEventListener.all(SecurityEventListener.none(), null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> SecurityEventListener.all((SecurityEventListener[]) null))
        .isInstanceOf(NullPointerException.class);
  }
}
