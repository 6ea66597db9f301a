/**
 * Memory measurements that JMH cannot make: peak memory under a burst of simultaneous logins, and
 * retained heap under a flood of distinct throttle keys. Each main writes a JSON summary for {@code
 * benchmarks/report.py}. Not API.
 */
package dev.jwtsecurity.benchmarks.mem;
