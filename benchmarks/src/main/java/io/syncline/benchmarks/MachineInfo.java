package io.syncline.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine and JVM a run measured, as printed above the table. Immutable.
 *
 * @param cpus available processors
 * @param memoryMb total memory from {@code /proc/meminfo}, 0 when unknown
 * @param cpuModel the CPU model from {@code /proc/cpuinfo}, or the OS architecture
 * @param os operating system name and version
 * @param jvm JVM vendor, name and version
 * @param maxHeapMb this JVM's maximum heap
 * @param jvmOptions the options this JVM was started with (heap, pre-touch, …), space-separated
 */
public record MachineInfo(int cpus, long memoryMb, String cpuModel, String os, String jvm, long maxHeapMb,
    String jvmOptions) {

  /** @return the current machine's description */
  public static MachineInfo current() {
    String model = System.getProperty("os.arch");
    long memKb = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          model = line.substring(line.indexOf(':') + 1).strip();
          break;
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: keep what the JVM tells
    }
    String jvm = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version");
    return new MachineInfo(Runtime.getRuntime().availableProcessors(), memKb / 1024, model,
        System.getProperty("os.name") + " " + System.getProperty("os.version"), jvm,
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "machine: %d CPUs (%s), %,d MB RAM, %s; JVM: %s, max heap %,d MB%s",
        cpus, cpuModel, memoryMb, os, jvm, maxHeapMb, jvmOptions.isEmpty() ? "" : ", options " + jvmOptions);
  }
}
