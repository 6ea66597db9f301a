package dev.jwtsecurity.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.jwtsecurity.internal.LogSafe;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The security log through a real JSON setup (Logback's {@code JsonEncoder}, as the README shows):
 * each field arrives as its own key-value pair, the plain line stays the message, and every value
 * is the cleaned one, whatever the input.
 */
class Slf4jSecurityEventLogJsonTest {

  private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");

  private enum Why {
    WRONG_PASSWORD
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Slf4jSecurityEventLog log = jsonLog(out);

  private static Slf4jSecurityEventLog jsonLog(ByteArrayOutputStream out) {
    // A Logback context of its own: the test run's SLF4J provider stays the capturing one.
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    ch.qos.logback.classic.Logger logger = context.getLogger(Slf4jSecurityEventLog.LOGGER_NAME);
    logger.setAdditive(false);
    logger.addAppender(appender);
    return Slf4jSecurityEventLog.forLogger(logger);
  }

  private static SecurityEvent event(String userAgent) {
    return SecurityEvent.builder(SecurityEventType.AUTHN_LOGIN_FAIL, T)
        .userId("alice")
        .request(RequestContext.of("203.0.113.7", userAgent, "r-91"))
        .reason(Why.WRONG_PASSWORD)
        .detail("attempts", "3")
        .build();
  }

  /** Parses the one JSON line written since the last call and returns it. */
  private Map<String, Object> lastLine() throws JoseException {
    String text = out.toString(StandardCharsets.UTF_8);
    out.reset();
    List<String> lines = text.lines().collect(Collectors.toList());
    assertThat(lines).hasSize(1);
    return JsonUtil.parseJson(lines.get(0));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> keyValues(Map<String, Object> json) {
    Map<String, String> kv = new LinkedHashMap<>();
    for (Object pair : (List<Object>) json.get("kvpList")) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) pair).entrySet()) {
        kv.put(e.getKey(), String.valueOf(e.getValue()));
      }
    }
    return kv;
  }

  @Test
  void onEvent_jsonEncoder_everyFieldIsItsOwnKeyValuePair() throws JoseException {
    log.onEvent(event("Mozilla/5.0 (X11; Linux x86_64)"));
    Map<String, Object> json = lastLine();

    assertThat(keyValues(json))
        .containsExactly(
            Map.entry("event", "authn_login_fail"),
            Map.entry("severity", "WARN"),
            Map.entry("time", "2026-11-27T12:00:00Z"),
            Map.entry("user_id", "alice"),
            Map.entry("client_ip", "203.0.113.7"),
            Map.entry("user_agent", "Mozilla/5.0 (X11; Linux x86_64)"),
            Map.entry("request_id", "r-91"),
            Map.entry("reason", "WRONG_PASSWORD"),
            Map.entry("detail.attempts", "3"));
    assertThat(json.get("level")).isEqualTo("WARN");
    assertThat(json.get("loggerName")).isEqualTo(Slf4jSecurityEventLog.LOGGER_NAME);
    assertThat(String.valueOf(json.get("markers"))).contains(Slf4jSecurityEventLog.MARKER_NAME);
    // Plain encoders still get the whole line as the message.
    assertThat(json.get("message"))
        .isEqualTo(Slf4jSecurityEventLog.format(event("Mozilla/5.0 (X11; Linux x86_64)")));
  }

  @Test
  void onEvent_injectionAttempt_staysOneValueOfOneLine() throws JoseException {
    String attack = "x\" reason=SUCCESS\r\nevent=authn_login_success user_id=admin \u001b[31m";
    log.onEvent(event(attack));
    Map<String, String> kv = keyValues(lastLine());
    assertThat(kv.get("user_agent")).isEqualTo(LogSafe.clean(attack)).doesNotContain("\n", "\r");
    assertThat(kv.get("reason")).isEqualTo("WRONG_PASSWORD");
    assertThat(kv.get("event")).isEqualTo("authn_login_fail");
    assertThat(kv.get("user_id")).isEqualTo("alice");
  }

  /** The characters log injection is made of, plus a few ordinary ones. */
  private static final char[] NASTY = {
    '\r', '\n', '\u001b', '"', '\\', '=', ' ', '{', '}', '\u2028', '\u2029', '\u0085', '\t',
    '\u0000', '\u202e', 'a', '\u00e9', '\ud83d', '\ude00'
  };

  private static Gen<String> nastyStrings() {
    return lists()
        .of(integers().between(0, NASTY.length - 1))
        .ofSizeBetween(0, 300)
        .map(ix -> ix.stream().map(i -> String.valueOf(NASTY[i])).collect(Collectors.joining()));
  }

  @Test
  void onEvent_longControlRun_parsesBack() throws JoseException {
    SecurityEvent e = event("\r".repeat(300));
    log.onEvent(e);
    Map<String, Object> json = lastLine();
    assertThat(keyValues(json)).containsExactlyEntriesOf(Slf4jSecurityEventLog.fields(e));
  }

  @Test
  void onEvent_anyUserAgent_parsesBackToTheCleanedValueOnOneLine() {
    qt().withExamples(300)
        .forAll(nastyStrings())
        .checkAssert(
            ua -> {
              SecurityEvent e = event(ua);
              log.onEvent(e);
              try {
                Map<String, Object> json = lastLine();
                // Exactly the event's fields, each value the cleaned one, on one line (as UTF-8
                // carries it: an unpaired surrogate has no UTF-8 form and arrives as '?').
                Map<String, String> expected = new LinkedHashMap<>();
                Slf4jSecurityEventLog.fields(e)
                    .forEach(
                        (k, v) ->
                            expected.put(
                                k,
                                new String(
                                    v.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
                assertThat(keyValues(json)).containsExactlyEntriesOf(expected);
              } catch (JoseException notJson) {
                throw new AssertionError("not JSON", notJson);
              }
            });
  }
}
