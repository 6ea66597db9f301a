package dev.jwtsecurity.springdemo;

import dev.jwtsecurity.JwtSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The library starts no threads: expired refresh-token families, throttle counters and denylist
 * entries are purged on the application's schedule, here Spring's.
 */
@Component
class Maintenance {

  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private final JwtSecurity security;

  Maintenance(JwtSecurity security) {
    this.security = security;
  }

  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
  void purgeExpired() {
    try {
      security.purgeExpired();
    } catch (RuntimeException e) {
      // A failure (a store down) must not end the schedule: the next run tries again.
      LOG.warn("purging expired security state failed; retrying in 10 minutes", e);
    }
  }
}
