package app.tablecart.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of a phase, and the readable summary of a run. */
final class Report {

    private Report() {}

    static Map<String, Object> phase(Phase p, Config cfg) {
        double s = p.seconds();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name);
        m.put("target_rate", p.targetRate);
        m.put("seconds", Bench.round(s));
        m.put("changes_sent", p.sent.get());
        m.put("changes_sent_rest", p.restSent.get());
        m.put("changes_sent_ws", p.wsSent.get());
        m.put("changes_confirmed", p.confirmed.get());
        m.put("changes_failed", p.failed.get());
        m.put("changes_timed_out", p.timeouts.get());
        m.put("achieved_changes_per_s", Bench.round(p.confirmed.get() / s));
        m.put("deliveries", p.deliveries.get());
        m.put("deliveries_expected", p.confirmed.get() * cfg.diners);
        m.put("deliveries_per_s", Bench.round(p.deliveries.get() / s));
        m.put("fanout_ms", rounded(p.fanout.summary()));
        m.put("write_rtt_rest_ms", rounded(p.restRtt.summary()));
        m.put("write_rtt_ws_ms", rounded(p.wsRtt.summary()));
        m.put("slots_dropped", p.slotsDropped.get());
        m.put("all_writers_busy", p.allBusy.get());
        m.put("server_cpu_s", Bench.round(p.serverCpuS));
        m.put("server_cpu_pct_of_one_core", Bench.round(100 * p.serverCpuS / s));
        m.put("server_jit_cpu_pct_of_one_core", Bench.round(100 * p.serverJitCpuS / s));
        m.put("generator_cpu_s", Bench.round(p.generatorCpuS));
        m.put("generator_cpu_pct_of_one_core", Bench.round(100 * p.generatorCpuS / s));
        return m;
    }

    private static Map<String, Object> rounded(Map<String, Double> in) {
        Map<String, Object> m = new LinkedHashMap<>();
        in.forEach((k, v) -> m.put(k, v.isNaN() ? null : Math.round(v * 1000) / 1000.0));
        return m;
    }

    @SuppressWarnings("unchecked")
    static String summary(Map<String, Object> r) {
        StringBuilder b = new StringBuilder();
        Map<String, Object> machine = Json.obj(r.get("machine"));
        b.append(String.format(
                "tablecart bench: scenario %s on %s, %s%n", r.get("scenario"), r.get("db"), r.get("date")));
        b.append(String.format(
                "machine: %s cpus, %s GB, %s, SHA-256 of 256 MB in %s ms; server JDK %s, -Xmx%s %s, %s "
                        + "HTTP threads; generator JDK %s (same machine); open files limit %s%n",
                machine.get("cpus"),
                machine.get("mem_gb"),
                machine.get("cpu"),
                machine.get("sha256_256mb_ms"),
                r.get("server_jdk"),
                r.get("server_xmx"),
                r.get("server_jvm_args"),
                r.get("server_http_threads"),
                r.get("generator_jdk"),
                r.get("open_file_limit")));
        Map<String, Object> cfg = (Map<String, Object>) r.get("config");
        if (cfg != null) {
            b.append(String.format(
                    "tables x diners: %s x %s = %s connections (%s SSE, %s WebSocket)%n",
                    cfg.get("tables"), cfg.get("diners"), cfg.get("connections"), cfg.get("sse"), cfg.get("ws")));
        }
        Map<String, Object> conns = (Map<String, Object>) r.get("connections");
        if (conns != null) {
            b.append(String.format(
                    "connections: attempted %s, established %s, failed %s (connect phase %s s)%n",
                    conns.get("attempted"),
                    conns.get("established"),
                    conns.get("failed"),
                    conns.get("connect_seconds")));
        }
        Map<String, Object> warm = (Map<String, Object>) r.get("warmup");
        if (warm != null) {
            b.append(String.format(
                    "warm-up: %s s at %s changes/s; JIT compilers' share of one core per 15 s step %s%s%n",
                    warm.get("seconds"),
                    warm.get("rate"),
                    warm.get("jit_core_share_per_step"),
                    Boolean.TRUE.equals(warm.get("jit_settled")) ? "" : " (not settled)"));
        }
        if (r.get("measured") != null) {
            phaseLines(b, (Map<String, Object>) r.get("measured"));
        }
        if (r.get("steps") != null) {
            b.append("ramp (each step after the previous; pass = p99 under the bound, >= 95% of the rate, no "
                    + "failures):\n");
            b.append(String.format(
                    "  %8s %10s %10s %8s %8s %8s %9s %8s %8s %6s %5s%n",
                    "target", "achieved", "deliv/s", "p50", "p90", "p99", "p99.9", "max", "srvCPU%", "chg/tx", "pass"));
            for (Object o : (List<Object>) r.get("steps")) {
                Map<String, Object> s = (Map<String, Object>) o;
                Map<String, Object> f = (Map<String, Object>) s.get("fanout_ms");
                b.append(String.format(
                        "  %8s %10s %10s %8s %8s %8s %9s %8s %8s %6s %5s%n",
                        s.get("target_rate"),
                        s.get("achieved_changes_per_s"),
                        s.get("deliveries_per_s"),
                        f.get("p50"),
                        f.get("p90"),
                        f.get("p99"),
                        f.get("p99_9"),
                        f.get("max"),
                        s.get("server_cpu_pct_of_one_core"),
                        s.get("changes_per_transaction"),
                        s.get("pass")));
            }
            b.append(String.format(
                    "highest rate with p99 under the bound: %s changes/s%n", r.get("best_rate_with_p99_under_bound")));
        }
        if (r.get("verify") != null) {
            Map<String, Object> v = (Map<String, Object>) r.get("verify");
            b.append(String.format(
                    "lost updates: %s (gaps %s, never reached the final version %s); final carts "
                            + "not as expected: %s; connections open at end %s, closed during the run %s (their missed "
                            + "versions %s); stale %s, unattributed %s, timed-out tables %s%n",
                    v.get("lost_updates"),
                    v.get("lost_gaps"),
                    v.get("lost_never_reached_final"),
                    v.get("final_cart_mismatches"),
                    v.get("connections_open_at_end"),
                    v.get("connections_closed_during_run"),
                    v.get("lost_on_closed_connections"),
                    v.get("stale_or_repeated_versions"),
                    v.get("unattributed_versions"),
                    v.get("tables_broken_by_timeout")));
            if (v.get("closed_during_run_why") instanceof Map<?, ?> why && !why.isEmpty()) {
                b.append("connections closed during the run, by what their client saw: ")
                        .append(why)
                        .append('\n');
            }
        }
        Map<String, Object> batches = (Map<String, Object>) r.get("cart_batches");
        if (batches != null && batches.get("count") instanceof Long count && count > 0) {
            b.append(String.format(
                    "group commit (whole run): %d write transactions took %s changes, %.2f on "
                            + "average, at most %s%n",
                    count, batches.get("sum"), ((Long) batches.get("sum")) / (double) count, batches.get("max")));
        }
        Map<String, Object> mem = (Map<String, Object>) r.get("server_memory");
        if (mem != null) {
            b.append("server memory:");
            mem.forEach((k, v) -> {
                Map<String, Object> m = (Map<String, Object>) v;
                b.append(String.format(" %s: RSS %s MB", k, mb(m.get("rss_kb"))));
                if (m.get("heap_used_kb") != null) {
                    b.append(String.format(", heap %s MB", mb(m.get("heap_used_kb"))));
                }
                b.append(String.format(", %s threads;", m.get("threads")));
            });
            b.append('\n');
        }
        if (r.get("idle") != null) {
            ((Map<String, Object>) r.get("idle")).forEach((kind, o) -> {
                Map<String, Object> k = (Map<String, Object>) o;
                Map<String, Object> c = (Map<String, Object>) k.get("connections");
                Map<String, Object> h = (Map<String, Object>) k.get("hold");
                Map<String, Object> e = (Map<String, Object>) k.get("memory_empty");
                Map<String, Object> f = (Map<String, Object>) k.get("memory_full");
                Map<String, Object> per = (Map<String, Object>) k.get("per_connection_kb");
                Map<String, Object> marg = (Map<String, Object>) k.get("per_connection_marginal_kb");
                b.append(String.format(
                        "%s: established %s of %s, open after the hold %s (server gauge %s); at 0: "
                                + "RSS %s MB, heap %s MB; at %s: RSS %s MB, heap %s MB, %s threads, %s fds%n",
                        kind,
                        c.get("established"),
                        c.get("planned"),
                        h.get("open_after_hold"),
                        h.get("server_gauge"),
                        mb(e.get("rss_kb")),
                        mb(e.get("heap_used_kb")),
                        per.get("connections"),
                        mb(f.get("rss_kb")),
                        mb(f.get("heap_used_kb")),
                        f.get("threads"),
                        f.get("open_files")));
                b.append(String.format(
                        "%s per connection: heap after full GC %s KB, RSS %s KB (marginal, from 20 "
                                + "warm connections: heap %s KB, RSS %s KB)%n",
                        kind,
                        per.get("heap_after_full_gc"),
                        per.get("rss"),
                        marg.get("heap_after_full_gc"),
                        marg.get("rss")));
            });
        }
        if (r.get("profile") != null) {
            Map<String, Object> p = (Map<String, Object>) r.get("profile");
            b.append(String.format(
                    "server profile of the measured window (JFR, %s CPU samples; GC pauses %s, %s ms; "
                            + "monitor waits %s ms):%n",
                    p.get("cpu_samples"),
                    p.get("gc_pauses"),
                    p.get("gc_pause_ms_total"),
                    p.get("monitor_wait_ms_total")));
            for (String key : List.of("threads", "first_tablecart_frame", "top_frames", "monitor_wait_ms")) {
                b.append("  ").append(key).append(":\n");
                ((Map<String, Object>) p.get(key))
                        .entrySet().stream()
                                .limit(8)
                                .forEach(e -> b.append("    ")
                                        .append(e.getValue())
                                        .append("  ")
                                        .append(e.getKey())
                                        .append('\n'));
            }
        }
        b.append(String.format("generator CPU: %s s in all%n", r.get("generator_cpu_s_total")));
        Map<String, Object> failures = (Map<String, Object>) r.get("failures");
        if (failures != null && !failures.isEmpty()) {
            b.append("failures: ").append(failures).append('\n');
        }
        Map<String, Object> targets = (Map<String, Object>) r.get("targets");
        if (targets != null && !targets.isEmpty()) {
            b.append("issue 5 targets:\n");
            targets.forEach(
                    (k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        }
        b.append("details: ").append(r.get("run_dir")).append('\n');
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static void phaseLines(StringBuilder b, Map<String, Object> m) {
        Map<String, Object> f = (Map<String, Object>) m.get("fanout_ms");
        Map<String, Object> rest = (Map<String, Object>) m.get("write_rtt_rest_ms");
        Map<String, Object> ws = (Map<String, Object>) m.get("write_rtt_ws_ms");
        b.append(String.format(
                "changes (%s s at %s/s): sent %s (REST %s, WebSocket %s), confirmed %s, failed %s "
                        + "(timed out %s) -> %s changes/s; slots dropped %s%n",
                m.get("seconds"),
                m.get("target_rate"),
                m.get("changes_sent"),
                m.get("changes_sent_rest"),
                m.get("changes_sent_ws"),
                m.get("changes_confirmed"),
                m.get("changes_failed"),
                m.get("changes_timed_out"),
                m.get("achieved_changes_per_s"),
                m.get("slots_dropped")));
        b.append(String.format(
                "deliveries: %s of %s expected -> %s/s%n",
                m.get("deliveries"), m.get("deliveries_expected"), m.get("deliveries_per_s")));
        b.append(String.format(
                "fan-out latency (send -> cart_update at each subscriber), ms: p50 %s  p90 %s  p99 %s"
                        + "  p99.9 %s  max %s%n",
                f.get("p50"), f.get("p90"), f.get("p99"), f.get("p99_9"), f.get("max")));
        b.append(String.format(
                "write round trip, ms: REST p50 %s p99 %s; WebSocket p50 %s p99 %s%n",
                rest.get("p50"), rest.get("p99"), ws.get("p50"), ws.get("p99")));
        b.append(String.format(
                "CPU in the window: server %s s (%s%% of one core, of which the JIT compilers %s%%), "
                        + "generator %s s (%s%%)%n",
                m.get("server_cpu_s"),
                m.get("server_cpu_pct_of_one_core"),
                m.get("server_jit_cpu_pct_of_one_core"),
                m.get("generator_cpu_s"),
                m.get("generator_cpu_pct_of_one_core")));
    }

    private static String mb(Object kb) {
        return kb == null ? "?" : String.format("%.1f", ((Number) kb).longValue() / 1024.0);
    }
}
