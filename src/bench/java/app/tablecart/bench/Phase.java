package app.tablecart.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One stretch of load at one target rate (warm-up, the measured window, a ramp step). A change belongs to the phase
 * it was sent in, and so do its deliveries, even if they arrive after the phase ended.
 */
final class Phase {

    final String name;
    final double targetRate;
    final Latency fanout = new Latency();
    final Latency restRtt = new Latency();
    final Latency wsRtt = new Latency();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong restSent = new AtomicLong();
    final AtomicLong wsSent = new AtomicLong();
    final AtomicLong confirmed = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong deliveries = new AtomicLong();
    /** Send slots skipped because the rate was behind by more than the catch-up bound (100 ms). */
    final AtomicLong slotsDropped = new AtomicLong();
    /** Times the pacer found every table's writer busy (its previous change not answered yet). */
    final AtomicLong allBusy = new AtomicLong();

    volatile long startNanos;
    volatile long endNanos;
    volatile double serverCpuS = Double.NaN;
    volatile double generatorCpuS = Double.NaN;
    /** CPU time of the server's JIT compiler threads in this phase (part of serverCpuS). */
    volatile double serverJitCpuS = Double.NaN;

    Phase(String name, double targetRate) {
        this.name = name;
        this.targetRate = targetRate;
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
