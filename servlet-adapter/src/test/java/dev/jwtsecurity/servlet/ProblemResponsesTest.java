package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProblemResponsesTest {

  @Test
  void title_everyRegisteredErrorStatus_isItsName() {
    assertThat(ProblemResponses.title(405)).isEqualTo("Method Not Allowed");
    assertThat(ProblemResponses.title(408)).isEqualTo("Request Timeout");
    assertThat(ProblemResponses.title(431)).isEqualTo("Request Header Fields Too Large");
    assertThat(ProblemResponses.title(500)).isEqualTo("Internal Server Error");
    assertThat(ProblemResponses.title(503)).isEqualTo("Service Unavailable");
    for (int status = 400; status <= 599; status++) {
      assertThat(ProblemResponses.title(status)).as("status %d", status).isNotEqualTo("Error");
    }
    assertThat(ProblemResponses.title(499)).isEqualTo("Client Error");
    assertThat(ProblemResponses.title(599)).isEqualTo("Server Error");
  }

  @Test
  void body_everyErrorStatus_namesTheStatusAndNothingElse() {
    for (int status = 400; status <= 599; status++) {
      String body = new String(ProblemResponses.body(status), StandardCharsets.UTF_8);
      assertThat(body)
          .isEqualTo(
              "{\"type\":\"about:blank\",\"title\":\""
                  + ProblemResponses.title(status)
                  + "\",\"status\":"
                  + status
                  + "}");
    }
    assertThatThrownBy(() -> ProblemResponses.body(200))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] first = ProblemResponses.body(404);
    first[0] = 'x';
    assertThat(ProblemResponses.body(404)[0]).as("a fresh array each time").isEqualTo((byte) '{');
  }
}
