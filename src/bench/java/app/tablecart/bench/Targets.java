package app.tablecart.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Issue 5's targets for the scenario just run: each with the measured value and whether it holds. */
final class Targets {

    private Targets() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> check(Config cfg, Map<String, Object> r) {
        Map<String, Object> t = new LinkedHashMap<>();
        String note = cfg.db == Config.Db.POSTGRESQL ? "" : " (target stated for PostgreSQL; informative on H2)";
        Map<String, Object> verify = (Map<String, Object>) r.get("verify");
        Map<String, Object> measured = (Map<String, Object>) r.get("measured");
        Map<String, Object> fan = measured == null ? null : (Map<String, Object>) measured.get("fanout_ms");
        switch (cfg.scenario) {
            case "b" -> {
                t.put("0 lost updates" + note, lost(verify, measured));
                t.put("p50 <= 2 ms" + note, verdict(fan.get("p50"), le(fan.get("p50"), 2)));
                t.put("p99 <= 10 ms" + note, verdict(fan.get("p99"), le(fan.get("p99"), 10)));
            }
            case "b2" -> {
                Map<String, Object> c = (Map<String, Object>) r.get("connections");
                boolean all = ((Number) c.get("established")).longValue() == 10_000
                        && ((Number) verify.get("connections_open_at_end")).longValue() == 10_000;
                t.put(
                        "10,000 connections established and held" + note,
                        verdict(c.get("established") + " / " + verify.get("connections_open_at_end"), all));
                t.put("0 lost updates" + note, lost(verify, measured));
                t.put("p99 <= 50 ms" + note, verdict(fan.get("p99"), le(fan.get("p99"), 50)));
            }
            case "c" -> {
                Map<String, Object> idle = (Map<String, Object>) r.get("idle");
                idle.forEach((kind, o) -> {
                    Map<String, Object> per = (Map<String, Object>) ((Map<String, Object>) o).get("per_connection_kb");
                    t.put(
                            kind + ": <= 30 KB heap per idle connection",
                            verdict(per.get("heap_after_full_gc"), le(per.get("heap_after_full_gc"), 30)));
                    t.put(kind + ": <= 30 KB RSS per idle connection", verdict(per.get("rss"), le(per.get("rss"), 30)));
                    Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) o).get("connections");
                    t.put(
                            kind + ": all connections established",
                            verdict(
                                    c.get("established"),
                                    ((Number) c.get("established")).longValue()
                                            == ((Number) c.get("planned")).longValue()));
                });
            }
            case "d" -> {
                double need = cfg.db == Config.Db.POSTGRESQL ? 1000 : 2000;
                Object best = r.get("best_rate_with_p99_under_bound");
                t.put(
                        ">= " + (long) need + " changes/s with p99 under " + cfg.rampP99Ms + " ms",
                        verdict(best, best != null && ((Number) best).doubleValue() >= need));
            }
            default -> {
                // scenario a has no target of its own
            }
        }
        return t;
    }

    /** Lost updates: only meaningful when changes were confirmed and none timed out (a timed-out table is not checked). */
    @SuppressWarnings("unchecked")
    private static String lost(Map<String, Object> verify, Map<String, Object> measured) {
        long confirmed = ((Number) measured.get("changes_confirmed")).longValue();
        long broken = ((Number) verify.get("tables_broken_by_timeout")).longValue();
        boolean zero = eq0(verify.get("lost_updates")) && eq0(verify.get("final_cart_mismatches"));
        if (confirmed == 0 || broken > 0) {
            return (zero ? "NOT SHOWN" : "MISSED") + " (measured " + verify.get("lost_updates") + " lost, but "
                    + confirmed + " changes confirmed and " + broken + " tables left unchecked after a timeout)";
        }
        return verdict(verify.get("lost_updates"), zero);
    }

    private static String verdict(Object value, boolean holds) {
        return (holds ? "HOLDS" : "MISSED") + " (measured " + value + ")";
    }

    private static boolean eq0(Object v) {
        return v != null && ((Number) v).longValue() == 0;
    }

    private static boolean le(Object v, double bound) {
        return v != null && ((Number) v).doubleValue() <= bound;
    }
}
