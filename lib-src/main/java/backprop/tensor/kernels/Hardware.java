package backprop.tensor.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/** What the processor offers, as the running JVM reports it; read once. */
final class Hardware {
    /**
     * Whether the JIT turns {@link Math#fma} and the Vector API's {@code fma} into one instruction (true on
     * x86 processors since 2013 and on ARMv8). Without it a fused multiply-add is computed exactly in
     * software, hundreds of times slower, so the code that uses it (the vector tanh) then stays off.
     * False when the JVM does not say (not HotSpot).
     */
    static final boolean FMA = readFlag("UseFMA");

    private Hardware() {
    }

    private static boolean readFlag(String name) {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm != null && Boolean.parseBoolean(vm.getVMOption(name).getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
