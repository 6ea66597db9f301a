package dev.jwtsecurity.audit;

/**
 * Called by the {@link FailureMonitor} once per alert, on the thread that delivered the triggering
 * event: wire it to paging, chat or a SIEM. It must be quick and must not block (hand slow work to
 * an executor); what it throws is dropped.
 *
 * <pre>{@code
 * AlertHook hook = alert -> executor.execute(() -> pager.page(alert.pattern().name(), alert.key()));
 * }</pre>
 */
@FunctionalInterface
public interface AlertHook {

  /**
   * Handles one alert.
   *
   * @param alert the alert
   */
  void onAlert(SecurityAlert alert);
}
