package dev.jwtsecurity.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.jwtsecurity.internal.LogSafe;
import dev.jwtsecurity.testing.LogCapture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class Slf4jSecurityEventLogTest {

  private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");

  private enum Why {
    WRONG_PASSWORD
  }

  /** The characters log injection is made of, plus a few ordinary ones. */
  private static final char[] NASTY = {
    '\r', '\n', '\u001b', '[', '3', '1', 'm', '"', '\\', '=', ' ', '\u2028', '\u2029', '\u0085',
    '\t', '\u0000', '\u202e', 'a', 'Z', '.', '\u00e9', '\ud83d', '\ude00'
  };

  private static Gen<String> nastyStrings() {
    return lists()
        .of(integers().between(0, NASTY.length - 1))
        .ofSizeBetween(0, 600)
        .map(ix -> ix.stream().map(i -> String.valueOf(NASTY[i])).collect(Collectors.joining()));
  }

  private static SecurityEvent event(String user, String userAgent) {
    return SecurityEvent.builder(SecurityEventType.AUTHN_LOGIN_FAIL, T)
        .userId(user)
        .request(RequestContext.of("203.0.113.7", userAgent, "r-91"))
        .reason(Why.WRONG_PASSWORD)
        .detail("attempts", "3")
        .build();
  }

  /**
   * Parses a line back into its pairs: bare values end at a space; quoted values honour \" and \\.
   */
  static Map<String, String> parse(String line) {
    Map<String, String> pairs = new LinkedHashMap<>();
    int i = 0;
    while (i < line.length()) {
      int eq = line.indexOf('=', i);
      String key = line.substring(i, eq);
      StringBuilder value = new StringBuilder();
      int j = eq + 1;
      if (j < line.length() && line.charAt(j) == '"') {
        j++;
        while (line.charAt(j) != '"') {
          if (line.charAt(j) == '\\') {
            j++;
          }
          value.append(line.charAt(j));
          j++;
        }
        j++;
      } else {
        while (j < line.length() && line.charAt(j) != ' ') {
          value.append(line.charAt(j));
          j++;
        }
      }
      assertThat(pairs.put(key, value.toString())).as("duplicate key %s in %s", key, line).isNull();
      i = j + 1;
    }
    return pairs;
  }

  @Test
  void format_typicalEvent_writesKeysInFixedOrder() {
    String line = Slf4jSecurityEventLog.format(event("alice", "Mozilla/5.0 (X11; Linux x86_64)"));

    assertThat(line)
        .isEqualTo(
            "event=authn_login_fail severity=WARN time=2026-11-27T12:00:00Z user_id=alice client_ip=203.0.113.7"
                + " user_agent=\"Mozilla/5.0 (X11; Linux x86_64)\" request_id=r-91 reason=WRONG_PASSWORD"
                + " detail.attempts=3");
  }

  @Test
  void format_absentValues_areLeftOut() {
    String line =
        Slf4jSecurityEventLog.format(
            SecurityEvent.builder(SecurityEventType.SYS_STARTUP, T).build());

    assertThat(line).isEqualTo("event=sys_startup severity=INFO time=2026-11-27T12:00:00Z");
  }

  @Test
  void format_valueTryingToForgeAKey_staysInsideItsQuotes() {
    String line = Slf4jSecurityEventLog.format(event("x user_id=admin reason=\"OK\\", "ua"));

    Map<String, String> pairs = parse(line);
    assertThat(pairs.get("user_id")).isEqualTo("x user_id=admin reason=\"OK\\");
    assertThat(pairs.get("reason")).isEqualTo("WRONG_PASSWORD");
    assertThat(line).contains("user_id=\"x user_id=admin reason=\\\"OK\\\\\"");
  }

  @Test
  void format_detailKeyPosingAsFixedKey_isPrefixedAndReduced() {
    SecurityEvent e =
        SecurityEvent.builder(SecurityEventType.AUTHZ_FAIL, T)
            .detail("user_id", "x")
            .detail("A B=\"", "y")
            .build();

    assertThat(parse(Slf4jSecurityEventLog.format(e)))
        .containsEntry("detail.user_id", "x")
        .containsEntry("detail.a_b__", "y")
        .doesNotContainKey("user_id");
  }

  @Test
  void onEvent_injectionInUsernameAndUserAgent_writesExactlyOneSanitisedLine() {
    String user =
        "alice\r\nevent=authn_login_success user_id=admin\u001b[31m\u2028" + "x".repeat(5000);
    String agent = "Mozilla\n\rINFO fake line\u0085\u2029\u001b]0;title\u0007" + "y".repeat(5000);
    int mark = LogCapture.global().size();

    Slf4jSecurityEventLog.create().onEvent(event(user, agent));

    List<String> lines =
        LogCapture.global().linesSince(mark).stream()
            .filter(l -> l.contains(Slf4jSecurityEventLog.LOGGER_NAME))
            .collect(Collectors.toList());
    assertThat(lines).hasSize(1);
    String line = lines.get(0);
    assertThat(line)
        .startsWith("WARN " + Slf4jSecurityEventLog.LOGGER_NAME + " - event=authn_login_fail ");
    assertThat(line.chars())
        .noneMatch(c -> c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029);
    assertThat(line).hasSizeLessThan(1200);
    Map<String, String> pairs = parse(line.substring(line.indexOf(" - ") + 3));
    assertThat(pairs.get("event")).isEqualTo("authn_login_fail");
    assertThat(pairs.get("user_id"))
        .startsWith("alice__event=authn_login_success user_id=admin_[31m_")
        .endsWith("[cut]");
    assertThat(pairs.get("user_agent")).startsWith("Mozilla__INFO fake line___]0;title_");
  }

  @Test
  void onEvent_severity_choosesTheLevel() {
    int mark = LogCapture.global().size();
    Slf4jSecurityEventLog log = Slf4jSecurityEventLog.create();

    log.onEvent(SecurityEvent.builder(SecurityEventType.AUTHN_LOGIN_SUCCESS, T).build());
    log.onEvent(SecurityEvent.builder(SecurityEventType.AUTHN_LOGIN_FAIL, T).build());
    log.onEvent(SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_REUSE, T).build());

    assertThat(LogCapture.global().linesSince(mark))
        .filteredOn(l -> l.contains(Slf4jSecurityEventLog.LOGGER_NAME))
        .extracting(l -> l.substring(0, l.indexOf(' ')))
        .containsExactly("INFO", "WARN", "ERROR");
  }

  @Test
  void create_customLoggerName_isUsed() {
    int mark = LogCapture.global().size();

    Slf4jSecurityEventLog.create("acme.security")
        .onEvent(SecurityEvent.builder(SecurityEventType.SYS_STARTUP, T).build());

    assertThat(LogCapture.global().linesSince(mark))
        .anyMatch(l -> l.startsWith("INFO acme.security - event=sys_startup"));
  }

  @Test
  void create_blankOrNullLoggerName_throws() {
    assertThatThrownBy(() -> Slf4jSecurityEventLog.create(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Slf4jSecurityEventLog.create(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void format_generatedHostileValues_alwaysOneLineThatParsesBackToTheCleanedValues() {
    qt().forAll(nastyStrings(), nastyStrings(), strings().allPossible().ofLengthBetween(0, 300))
        .checkAssert(
            (user, agent, detail) -> {
              SecurityEvent e =
                  SecurityEvent.builder(SecurityEventType.AUTHN_TOKEN_INVALID, T)
                      .userId(user)
                      .request(RequestContext.of(agent, agent, agent))
                      .tokenId(detail)
                      .detail("d", detail)
                      .build();
              String line = Slf4jSecurityEventLog.format(e);

              assertThat(line.chars())
                  .noneMatch(
                      c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029);
              Map<String, String> pairs = parse(line);
              List<String> expectedKeys =
                  new ArrayList<>(List.of("event", "severity", "time", "user_id"));
              expectedKeys.addAll(
                  List.of("client_ip", "user_agent", "request_id", "token_id", "detail.d"));
              assertThat(new ArrayList<>(pairs.keySet())).isEqualTo(expectedKeys);
              assertThat(pairs.get("user_id")).isEqualTo(LogSafe.clean(e.userId()));
              assertThat(pairs.get("user_agent")).isEqualTo(LogSafe.clean(e.request().userAgent()));
              assertThat(pairs.get("token_id")).isEqualTo(LogSafe.clean(e.tokenId()));
              assertThat(pairs.get("detail.d")).isEqualTo(LogSafe.clean(e.details().get("d")));
            });
  }
}
