package dev.jwtsecurity.spring;

import dev.jwtsecurity.access.AuthenticatedUser;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.login.UserCredentialsLookup;
import dev.jwtsecurity.testing.ManualClock;
import dev.jwtsecurity.testing.Secrets;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.token.AccessTokenClaims;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small Spring Boot application on the starter: users alice (roles user, admin; scope todo:read)
 * and bob (role user), a clock the tests move, and endpoints guarded by URL rules and
 * {@code @PreAuthorize}. The filter chain is the starter's default unless a test adds its own.
 */
@SpringBootApplication
@EnableMethodSecurity
public class TestApp {

  /** The HMAC secret of the test applications (a constant, for annotation attributes). */
  static final String SECRET = "Wq3Zr8Kt5Ym1Xp7Nc2Vb9Lh4Gd6Fs0Aj3Ue8Io5TyR";

  static final String PROPERTIES_SECRET = "jwt-security.secret-key=" + SECRET;

  static {
    // The log-leak guard fails the run if this secret ever reaches a log line.
    Secrets.register(SECRET);
  }

  /** Every security event of the run, as application events. */
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

  @Bean
  UserCredentialsLookup users() {
    return TestSecurity.users("alice", "bob");
  }

  @Bean
  Clock clock() {
    return ManualClock.at("2026-11-27T12:00:00Z");
  }

  @Bean
  JwtSecurityBuilderCustomizer claims() {
    return b ->
        b.claims(
            id ->
                id.equals("alice")
                    ? AccessTokenClaims.forSubject(id)
                        .roles("user", "admin")
                        .scopes("todo:read")
                        .build()
                    : AccessTokenClaims.forSubject(id).roles("user").build());
  }

  @EventListener
  void onSecurityEvent(JwtSecurityApplicationEvent e) {
    events.add(e.securityEvent());
  }

  /** The endpoints the tests call. */
  @RestController
  static class Api {
    @GetMapping("/api/me")
    String me(@AuthenticationPrincipal AuthenticatedUser user) {
      return user.userId();
    }

    @GetMapping("/api/admin/stats")
    @PreAuthorize("hasRole('admin')")
    String adminStats() {
      return "stats";
    }

    @GetMapping("/api/todos")
    @PreAuthorize("hasAuthority('SCOPE_todo:read')")
    String todos() {
      return "[]";
    }

    @PostMapping("/api/todos")
    String create(@AuthenticationPrincipal AuthenticatedUser user) {
      return "created by " + user.userId();
    }

    @GetMapping("/public/hello")
    String hello() {
      return "hello";
    }
  }
}
