package app.tablecart.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the server's flight recording of the measured window ({@code -Dbench.jfr=true}): where the CPU samples
 * are (top frame, first tablecart frame, thread pool), where threads waited on monitors, and the GC pauses.
 */
final class Profile {

    private Profile() {}

    static Map<String, Object> summarize(Path recording, int limit) throws Exception {
        Map<String, Long> top = new HashMap<>();
        Map<String, Long> app = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> monitorMs = new HashMap<>();
        long samples = 0;
        long gcCount = 0;
        double gcPauseMs = 0;
        double monitorTotalMs = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                switch (e.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        List<RecordedFrame> frames = e.getStackTrace() == null
                                ? List.of()
                                : e.getStackTrace().getFrames();
                        if (!frames.isEmpty()) {
                            top.merge(name(frames.get(0)), 1L, Long::sum);
                        }
                        app.merge(firstApp(frames), 1L, Long::sum);
                        String t = e.getThread("sampledThread") == null
                                ? "?"
                                : e.getThread("sampledThread").getJavaName();
                        threads.merge(t == null ? "?" : t.replaceAll("\\d+", "#"), 1L, Long::sum);
                    }
                    case "jdk.JavaMonitorEnter" -> {
                        double ms = e.getDuration().toNanos() / 1e6;
                        monitorTotalMs += ms;
                        String cls = e.getClass("monitorClass") == null
                                ? "?"
                                : e.getClass("monitorClass").getName();
                        List<RecordedFrame> frames = e.getStackTrace() == null
                                ? List.of()
                                : e.getStackTrace().getFrames();
                        monitorMs.merge(cls + " <- " + firstApp(frames), (long) Math.ceil(ms), Long::sum);
                    }
                    case "jdk.GCPhasePause" -> {
                        gcCount++;
                        gcPauseMs += e.getDuration().toNanos() / 1e6;
                    }
                    default -> {
                        // not summarised
                    }
                }
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("recording", recording.toString());
        r.put("cpu_samples", samples);
        r.put("top_frames", topOf(top, samples, limit));
        r.put("first_tablecart_frame", topOf(app, samples, limit));
        r.put("threads", topOf(threads, samples, limit));
        r.put("monitor_wait_ms_total", Bench.round(monitorTotalMs));
        r.put("monitor_wait_ms", topOf(monitorMs, 0, limit));
        r.put("gc_pauses", gcCount);
        r.put("gc_pause_ms_total", Bench.round(gcPauseMs));
        return r;
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String firstApp(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            if (f.getMethod() != null && f.getMethod().getType().getName().startsWith("app.tablecart.")) {
                return name(f);
            }
        }
        return "(no tablecart frame)";
    }

    /** The biggest entries; with a total, as "count (percent)". */
    private static Map<String, Object> topOf(Map<String, Long> m, long total, int limit) {
        Map<String, Object> r = new LinkedHashMap<>();
        m.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(limit)
                .forEach(e -> r.put(
                        e.getKey(),
                        total > 0
                                ? e.getValue() + " (" + Bench.round(100.0 * e.getValue() / total) + "%)"
                                : e.getValue()));
        return r;
    }
}
