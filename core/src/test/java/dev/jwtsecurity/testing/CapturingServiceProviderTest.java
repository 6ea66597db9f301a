package dev.jwtsecurity.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class CapturingServiceProviderTest {

  @Test
  void slf4j_inTests_usesTheCapturingProvider() {
    assertThat(LoggerFactory.getLogger("probe")).isInstanceOf(CapturingLogger.class);
  }

  @Test
  void log_everyLevelAndThrowableMessages_areCaptured() {
    Logger log = LoggerFactory.getLogger("dev.jwtsecurity.capture.probe");
    int mark = LogCapture.global().size();

    log.trace("t {}", 1);
    log.debug("d {} {}", "a", "b");
    log.warn("w", new IllegalStateException("outer", new IllegalArgumentException("inner cause")));
    log.atInfo().addKeyValue("k", "v").log("fluent");

    List<String> lines = LogCapture.global().linesSince(mark);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("TRACE dev.jwtsecurity.capture.probe - t 1");
    assertThat(lines.get(1)).isEqualTo("DEBUG dev.jwtsecurity.capture.probe - d a b");
    assertThat(lines.get(2)).contains("outer").contains("inner cause");
    assertThat(lines.get(3)).contains("k=v").contains("fluent");
  }

  @Test
  void log_thirdPartyDebug_isNotCapturedButInfoIs() {
    Logger log = LoggerFactory.getLogger("org.eclipse.jetty.probe");
    int mark = LogCapture.global().size();

    log.debug("noisy container detail");
    log.info("container started");

    assertThat(log.isDebugEnabled()).isFalse();
    assertThat(LogCapture.global().linesSince(mark))
        .containsExactly("INFO org.eclipse.jetty.probe - container started");
  }
}
