package dev.jwtsecurity.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncSecurityEventListenerTest {

  private static SecurityEvent event(int i) {
    return SecurityEvent.builder(SecurityEventType.AUTHN_LOGIN_FAIL, Instant.EPOCH)
        .userId("u" + i)
        .build();
  }

  @Test
  void onEvent_sinkBlocked_queueFillsThenDropsAndCountsWithoutBlocking() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstTaken = new CountDownLatch(1);
    List<SecurityEvent> delivered = new CopyOnWriteArrayList<>();
    AsyncSecurityEventListener async =
        AsyncSecurityEventListener.builder(
                e -> {
                  firstTaken.countDown();
                  try {
                    release.await();
                  } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                  }
                  delivered.add(e);
                })
            .capacity(3)
            .build();
    try {
      async.onEvent(event(0)); // taken by the worker, which then blocks
      assertThat(firstTaken.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i <= 10; i++) {
        async.onEvent(event(i)); // 3 fit in the queue, 7 are dropped
      }

      assertThat(async.pending()).isEqualTo(3);
      assertThat(async.droppedCount()).isEqualTo(7);
      release.countDown();
    } finally {
      async.close(Duration.ofSeconds(10));
    }
    assertThat(delivered).extracting(SecurityEvent::userId).containsExactly("u0", "u1", "u2", "u3");
  }

  @Test
  void onEvent_throwingSink_keepsTheWorkerAlive() {
    List<SecurityEvent> delivered = new CopyOnWriteArrayList<>();
    AsyncSecurityEventListener async =
        AsyncSecurityEventListener.builder(
                e -> {
                  if (e.userId().equals("u1")) {
                    throw new IllegalStateException("sink down");
                  }
                  delivered.add(e);
                })
            .build();
    async.onEvent(event(1));
    async.onEvent(event(2));
    async.close(Duration.ofSeconds(10));

    assertThat(delivered).extracting(SecurityEvent::userId).containsExactly("u2");
  }

  @Test
  void onEvent_afterClose_isDroppedAndCounted() {
    AsyncSecurityEventListener async =
        AsyncSecurityEventListener.builder(SecurityEventListener.none()).build();
    async.close();

    async.onEvent(event(1));

    assertThat(async.droppedCount()).isEqualTo(1);
  }
}
