#!/usr/bin/env python3
"""Writes BENCHMARKS.md from one run of scripts/bench.sh: JMH JSON, wrk outputs and the memory mains' JSON.

Every ratio is computed against a baseline measured in the same run. Missing results are reported as missing, never
guessed.
"""
import argparse
import glob
import json
import os
import platform
import re
import subprocess
import sys

P = "dev.jwtsecurity.benchmarks."


def sh(cmd):
    try:
        r = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30)
        return (r.stdout + r.stderr).strip()
    except Exception:  # noqa: BLE001 - a missing tool only loses one line of the machine section
        return "?"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def load_jmh(path):
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        data = json.load(f)
    out = {}
    for b in data:
        name = b["benchmark"]
        # Class.method: benchmarks in sub-packages (servlet.FilterBenchmark) are named like the others.
        name = ".".join(name.split(".")[-2:])
        pm = b["primaryMetric"]
        alloc = None
        for k, v in b.get("secondaryMetrics", {}).items():
            if k.endswith("gc.alloc.rate.norm"):
                alloc = v["score"]
        out[name] = {
            "score": pm["score"],
            "error": pm.get("scoreError"),
            "median": pm.get("scorePercentiles", {}).get("50.0"),
            "unit": pm["scoreUnit"],
            "alloc": alloc,
            "threads": b.get("threads", 1),
            "mode": b.get("mode"),
        }
    return out


def num(x, digits=3):
    # JMH writes a score error it cannot compute (too few iterations) as the string "NaN".
    if x is None or isinstance(x, str) or x != x:  # NaN
        return "n/a"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 100:
        return f"{x:.1f}"
    if abs(x) >= 10:
        return f"{x:.2f}"
    return f"{x:.{digits}f}"


def ratio(a, b):
    # Below one byte or one nanosecond the baseline is zero within JMH's resolution: no meaningful ratio.
    if a is None or b is None or abs(b) < 1e-3 or (b < 1 and a < 1 and a != 0 and max(a, b) / min(a, b) > 1e3):
        return None
    return a / b


def rx(r):
    return "n/a" if r is None else f"{r:.2f}x"


def verdict(ok):
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def wrk_rps(path):
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return None, "missing"
    m = re.search(r"Requests/sec:\s+([0-9.]+)", text)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errs = re.search(r"Socket errors:[^\n]*", text)
    note = []
    if bad:
        note.append(f"{bad.group(1)} non-2xx")
    if errs:
        note.append(errs.group(0))
    return (float(m.group(1)) if m else None), ", ".join(note)


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--command", required=True)
    ap.add_argument("--started", required=True)
    ap.add_argument("--jmh-opts", required=True)
    ap.add_argument("--wrk", required=True)
    a = ap.parse_args()

    j = load_jmh(os.path.join(a.out, "jmh.json"))
    g = lambda n: j.get(n)  # noqa: E731
    s = lambda n: (j.get(n) or {}).get("score")  # noqa: E731
    al = lambda n: (j.get(n) or {}).get("alloc")  # noqa: E731

    L = []
    w = L.append
    w("# Benchmarks")
    w("")
    w("Written by `scripts/bench.sh` from one run; do not edit by hand. Every ratio is against a baseline measured in")
    w("the **same run** on the machine below (issue 9). Time is JMH average time per operation (lower is better);")
    w("allocation is JMH's `gc.alloc.rate.norm` (bytes per operation, `-prof gc`). A shared 2-core machine is noisy:")
    w("read differences under ~10% as noise, and compare ratios, not absolute numbers, across machines.")
    w("")
    w("## Machine and run")
    w("")
    w(f"- Date (UTC): {a.started}")
    w(f"- CPU: {cpu_model()}, `nproc` = {sh('nproc')}")
    jv = sh("java -version 2>&1 | head -2 | tr '\\n' ' '")
    w(f"- JDK: {jv.strip()}")
    w(f"- OS: {platform.system()} {platform.release()}")
    la = []
    for when in ("start", "end"):
        try:
            with open(os.path.join(a.out, "loadavg-" + when)) as fh:
                la.append(f"{when} {' '.join(fh.read().split()[:3])}")
        except OSError:
            pass
    if la:
        w(f"- Load average (1/5/15 min) at {', '.join(la)}: above `nproc`, other processes shared the cores")
    w(f"- Commit: `{sh('git rev-parse --short HEAD')}`" + (" (with uncommitted changes)" if sh("git status --porcelain -- core servlet-adapter benchmarks") else ""))
    w(f"- Command: `{a.command}`")
    w(f"- JMH: 1.37, `{a.jmh_opts}`, mode average time, one fork per benchmark")
    w(f"- Load: {a.wrk}, 127.0.0.1 only")
    w("")

    rows = []

    def goal(name, measured, r, target, ok):
        rows.append((name, measured, rx(r) if isinstance(r, float) or r is None else r, target, verdict(ok)))

    # HS256 validation
    ours, floor = s("Hs256ValidationBenchmark.ours"), s("Hs256ValidationBenchmark.jcaFloor")
    r = ratio(ours, floor)
    goal("HS256 validation, every check on, 1 thread",
         f"ours {num(ours)} us vs JCA floor {num(floor)} us", r, "<= 1.50x", None if r is None else r <= 1.5)
    ao, af = al("Hs256ValidationBenchmark.ours"), al("Hs256ValidationBenchmark.jcaFloor")
    r = ratio(ao, af)
    goal("HS256 validation allocation",
         f"ours {num(ao)} B/op vs JCA floor {num(af)} B/op", r, "<= 1.00x", None if r is None else ao <= af)
    ours2, floor2 = s("Hs256ValidationTwoThreadsBenchmark.ours"), s("Hs256ValidationTwoThreadsBenchmark.jcaFloor")
    r = ratio(ours2, floor2)
    goal("HS256 validation, 2 threads (both cores busy)",
         f"ours {num(ours2)} us vs JCA floor {num(floor2)} us", r, "<= 1.50x", None if r is None else r <= 1.5)
    for alg, label in (("rs256", "RS256"), ("es256", "ES256"), ("eddsa", "EdDSA")):
        o, v = s(f"SignatureValidationBenchmark.{alg}_ours"), s(f"SignatureValidationBenchmark.{alg}_jcaVerify")
        r = ratio(o, v)
        goal(f"{label} validation, every check on",
             f"ours {num(o)} us vs JCA `Signature.verify` {num(v)} us", r, "<= 1.15x",
             None if r is None else r <= 1.15)
    o, f = s("Hs256IssuingBenchmark.ours"), s("Hs256IssuingBenchmark.jcaFloor")
    r = ratio(o, f)
    goal("HS256 issuing", f"ours {num(o)} us vs JCA floor {num(f)} us", r, "<= 2.00x", None if r is None else r <= 2.0)

    # Metrics on the validation path: nothing allocated for them, with or without a registry
    an, ap = al("MetricsOverheadBenchmark.noMetrics"), al("MetricsOverheadBenchmark.prometheusRegistry")
    ase = al("MetricsOverheadBenchmark.simpleRegistry")
    goal("Metrics on the token-validation path: allocation",
         f"front door without metrics {num(an)} B/op, with Micrometer (Prometheus registry) {num(ap)} B/op, "
         f"(simple registry) {num(ase)} B/op", "-", "no byte more with a registry",
         None if an is None or ap is None or ase is None else (ap <= an and ase <= an))
    # Tokens from identity providers (another library's header, typ JWT, a roles array read by the caller)
    for alg, label in (("hs256", "HS256"), ("rs256", "RS256")):
        o, f, a0 = (s(f"ProviderTokenBenchmark.{alg}_{n}") for n in ("ours", "jcaFloor", "auth0"))
        r = ratio(o, f)
        goal(f"{label} provider token, every check on, roles read",
             f"ours {num(o)} us vs JCA floor {num(f)} us (auth0 java-jwt {num(a0)} us)", r,
             "<= 1.25x and ahead of auth0",
             None if r is None or a0 is None else (r <= 1.25 and o < a0))
    o, p = s("ProviderTokenBenchmark.rs256_remoteCache"), s("ProviderTokenBenchmark.rs256_ours")
    r = ratio(o, p)
    goal("RS256 provider token, key from a warm remote cache",
         f"remote cache {num(o)} us vs same key pinned {num(p)} us", r, "<= 1.10x",
         None if r is None else r <= 1.10)

    # Loopback
    opens = [wrk_rps(p) for p in sorted(glob.glob(os.path.join(a.out, "wrk-open-*.txt")))]
    apis = [wrk_rps(p) for p in sorted(glob.glob(os.path.join(a.out, "wrk-api-*.txt")))]
    open_rps = [x for x, _ in opens if x is not None]
    api_rps = [x for x, _ in apis if x is not None]
    api_bad = [n for _, n in apis if n]
    filt_desc = ""
    try:
        with open(os.path.join(a.out, "e2e-server.log")) as fh:
            for line in fh:
                if line.startswith("filter:"):
                    filt_desc = line.split(":", 1)[1].strip()
    except OSError:
        pass
    if open_rps and api_rps:
        mo, ma = sum(open_rps) / len(open_rps), sum(api_rps) / len(api_rps)
        r = ma / mo
        ok = r >= 0.90 and not api_bad
        goal("Filter on a real HTTP server (Jetty 12, wrk, loopback)",
             f"filtered {num(ma)} req/s vs open {num(mo)} req/s" + (f"; {'; '.join(api_bad)}" if api_bad else ""),
             r, ">= 0.90x", ok)
    else:
        goal("Filter on a real HTTP server (Jetty 12, wrk, loopback)", "not run", None, ">= 0.90x", None)

    # Throttle and password (JMH + memory mains)
    t = s("ThrottleBenchmark.check")
    flood = load_json(os.path.join(a.out, "ThrottleFlood.json"))
    if t is not None:
        goal("Throttle check, time per call", f"{num(t)} us/op", "-", "< 1 us", t < 1.0)
    else:
        goal("Throttle check, time per call", "not measured: no in-memory throttle in core at this commit", None,
             "< 1 us", None)
    if flood:
        goal("Throttle memory under a flood of distinct keys", flood.get("summary", ""), "-",
             flood.get("target", "bounded"), flood.get("pass"))
    else:
        goal("Throttle memory under a flood of distinct keys", "not measured: no in-memory throttle in core", None,
             "bounded", None)
    burst = load_json(os.path.join(a.out, "PasswordBurst.json"))
    if burst:
        goal("Password hashing, 100 simultaneous logins", burst.get("summary", ""), "-",
             burst.get("target", "within budget"), burst.get("pass"))
    else:
        goal("Password hashing, 100 simultaneous logins",
             "not measured: no bounded password hasher in core at this commit", None, "within the memory budget", None)
    goal("Differential test against jose4j", "not a measurement: the token branch's test suite", None, "-", None)

    w("## Goals of issue 9")
    w("")
    w("| goal | measured | ratio | target | result |")
    w("|---|---|---|---|---|")
    for row in rows:
        w("| " + " | ".join(str(c) for c in row) + " |")
    w("")

    def table(title, names, base, note=None):
        present = [(label, n) for label, n in names if g(n)]
        if not present:
            return
        w(f"## {title}")
        w("")
        if note:
            w(note)
            w("")
        w("| implementation | score (us/op) | ± error | median | vs baseline | alloc (B/op) | alloc vs baseline |")
        w("|---|---:|---:|---:|---:|---:|---:|")
        b = g(base)
        for label, n in present:
            m = g(n)
            w(f"| {label} | {num(m['score'])} | {num(m['error'])} | {num(m['median'])} | "
              f"{rx(ratio(m['score'], b and b['score']))} | {num(m['alloc'], 0)} | "
              f"{rx(ratio(m['alloc'], b and b['alloc']))} |")
        w("")

    libs = [("ours", "ours"), ("raw jose4j", "jose4j"), ("Nimbus JOSE+JWT", "nimbus"), ("jjwt", "jjwt"),
            ("auth0 java-jwt", "auth0")]
    table("HS256 validation, 1 thread",
          [(l, f"Hs256ValidationBenchmark.{n}") for l, n in libs] + [("JCA floor", "Hs256ValidationBenchmark.jcaFloor")],
          "Hs256ValidationBenchmark.jcaFloor",
          "Same token, same checks (signature, alg pinned, typ at+jwt, exp/iat/nbf with 30 s skew, iss, aud, sub and "
          "jti present). Baseline: the JCA floor.")
    table("HS256 validation, 2 threads (`@Threads(2)`, validators shared)",
          [("ours", "Hs256ValidationTwoThreadsBenchmark.ours"), ("raw jose4j", "Hs256ValidationTwoThreadsBenchmark.jose4j"),
           ("JCA floor", "Hs256ValidationTwoThreadsBenchmark.jcaFloor")],
          "Hs256ValidationTwoThreadsBenchmark.jcaFloor",
          "Average time per operation per thread. Baseline: the JCA floor with a per-thread Mac.")
    for alg, label in (("rs256", "RS256"), ("es256", "ES256"), ("eddsa", "EdDSA")):
        table(f"{label} validation",
              [(l, f"SignatureValidationBenchmark.{alg}_{n}") for l, n in libs] +
              [("JCA `Signature.verify` only", f"SignatureValidationBenchmark.{alg}_jcaVerify")],
              f"SignatureValidationBenchmark.{alg}_jcaVerify",
              "Baseline: one cached `Signature` per thread verifying the same signing input" +
              (" (P1363 form, no DER conversion charged)." if alg == "es256" else ".") +
              (" Nimbus needs Google Tink for EdDSA and auth0 has no EdDSA: not measured." if alg == "eddsa" else ""))
    table("HS256 issuing",
          [(l, f"Hs256IssuingBenchmark.{n}") for l, n in libs] + [("JCA floor", "Hs256IssuingBenchmark.jcaFloor")],
          "Hs256IssuingBenchmark.jcaFloor",
          "Same header (alg, typ at+jwt, kid) and claims (iss, sub, aud, iat, exp, 128-bit jti, roles). "
          "Baseline: StringBuilder JSON + base64url + one Mac.")
    table("Constant-time comparison (32 bytes, equal)",
          [("ConstantTime.equals(byte[], byte[])", "ConstantTimeBenchmark.constantTimeBytes"),
           ("ConstantTime.equals(CharSequence, CharSequence)", "ConstantTimeBenchmark.constantTimeChars"),
           ("MessageDigest.isEqual", "ConstantTimeBenchmark.messageDigestIsEqual")],
          "ConstantTimeBenchmark.messageDigestIsEqual", "Baseline: `MessageDigest.isEqual`.")
    table("Servlet filter per request (in-process, hand-written request/response objects)",
          [("JwtAuthenticationFilter, valid bearer token", "FilterBenchmark.filter"),
           ("same request, no filter (chain only)", "FilterBenchmark.noFilter"),
           ("our validation alone (same token)", "FilterBenchmark.validateOnly")],
          "FilterBenchmark.validateOnly", "Baseline: the validation the filter performs, measured alone.")
    table("Metrics on the token-validation path (front door `authenticate`, HS256, every check on)",
          [("no metrics (nothing wrapped)", "MetricsOverheadBenchmark.noMetrics"),
           ("MicrometerSecurityMetrics, SimpleMeterRegistry", "MetricsOverheadBenchmark.simpleRegistry"),
           ("MicrometerSecurityMetrics, PrometheusMeterRegistry", "MetricsOverheadBenchmark.prometheusRegistry"),
           ("the validator alone (what the front door adds)", "MetricsOverheadBenchmark.validateOnly")],
          "MetricsOverheadBenchmark.noMetrics",
          "Baseline: the same front door without metrics. With a registry, each authentication records a "
          "validation timer and a denylist-check timer.")
    for alg, label in (("hs256", "HS256"), ("rs256", "RS256")):
        rows_ = [("ours (`ProviderTokenValidator`, key pinned)", f"ProviderTokenBenchmark.{alg}_ours")]
        if alg == "rs256":
            rows_.append(("ours, key from a warm remote cache (JWK Set on loopback)",
                          "ProviderTokenBenchmark.rs256_remoteCache"))
        rows_ += [("auth0 java-jwt", f"ProviderTokenBenchmark.{alg}_auth0"),
                  ("JCA floor", f"ProviderTokenBenchmark.{alg}_jcaFloor")]
        table(f"{label} provider token", rows_, f"ProviderTokenBenchmark.{alg}_jcaFloor",
              "Another issuer's token: header written by auth0 java-jwt (`typ: JWT`), claims `iss`, `aud`, `sub`, "
              "`iat`, `nbf`, `exp`, `jti` and a `roles` array that each implementation's caller reads. Baseline: "
              "the JCA floor (`JcaProviderFloor`: strict split, JDK base64url, one cached Mac or Signature, naive "
              "byte checks, roles read naively). Ours runs every rule of `TrustedIssuer` (strict JSON, header "
              "rules, issuer, audience, types, times).")
    table("Throttle", [("check", "ThrottleBenchmark.check")], "ThrottleBenchmark.check")
    for op, label in (("throttleCheck", "Login throttle check"), ("refreshRotation", "Refresh rotation")):
        table(f"Shared stores: {label.lower()}",
              [("in-memory (core)", f"SharedStoreBenchmark.{op}InMemory"),
               ("Redis (jwt-security-redis, local server)", f"SharedStoreBenchmark.{op}Redis"),
               ("PostgreSQL (jwt-security-jdbc, HikariCP, local server)", f"SharedStoreBenchmark.{op}Postgres")],
              f"SharedStoreBenchmark.{op}InMemory",
              ("`LoginThrottle.check`: the address and the account key, one failure recorded on each." if op == "throttleCheck"
               else "`TokenPairService.refresh`: look-up, hash check, compare-and-set rotation, new access token; a new "
                    "session per iteration.") +
              " One thread, servers on loopback (started by scripts/bench.sh unless JWTSEC_BENCH_REDIS_URL / "
              "JWTSEC_BENCH_POSTGRES_URL point elsewhere). Baseline: the in-memory store; a missing server leaves its "
              "row out.")
    table("Password hashing (default parameters)",
          [("hash", "PasswordBenchmark.hash"), ("verify", "PasswordBenchmark.verify")], "PasswordBenchmark.hash")

    w("## Loopback load")
    w("")
    if open_rps or api_rps:
        w(f"Filter on `/api/*`: {filt_desc or 'unknown'}. Both sides send the same `Authorization` header.")
        w("")
        w("| side | req/s per round | mean | notes |")
        w("|---|---|---:|---|")
        for side, res in (("open (no filter)", opens), ("filtered", apis)):
            vals = [x for x, _ in res if x is not None]
            notes = "; ".join(n for _, n in res if n)
            w(f"| {side} | {', '.join(num(x) for x in vals)} | {num(sum(vals) / len(vals)) if vals else 'n/a'} | {notes} |")
    else:
        w("Not run.")
    w("")
    for key, title in (("PasswordBurst", "Password hashing burst (defaults, glibc defaults)"),
                       ("PasswordBurstMmap", "Password hashing burst, diagnostic: `MALLOC_MMAP_THRESHOLD_=1048576`"),
                       ("ThrottleFlood", "Throttle flood")):
        d = load_json(os.path.join(a.out, key + ".json"))
        if d:
            w(f"## {title}")
            w("")
            w(f"{d.get('summary', '')}. Target: {d.get('target', '-')}: **{verdict(d.get('pass'))}**.")
            w("")
            for k, v in d.items():
                if k not in ("summary", "pass", "target"):
                    w(f"- {k}: {v}")
            w("")

    w("## All JMH results")
    w("")
    w("| benchmark | threads | score | ± error | median | unit | alloc (B/op) |")
    w("|---|---:|---:|---:|---:|---|---:|")
    for n in sorted(j):
        m = j[n]
        w(f"| {n} | {m['threads']} | {num(m['score'])} | {num(m['error'])} | {num(m['median'])} | {m['unit']} | "
          f"{num(m['alloc'], 0)} |")
    w("")
    notes_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "NOTES.md")
    if os.path.exists(notes_path):
        with open(notes_path) as fh:
            w(fh.read().rstrip())
            w("")

    with open(a.report, "w") as fh:
        fh.write("\n".join(L))
    return 0


if __name__ == "__main__":
    sys.exit(main())
