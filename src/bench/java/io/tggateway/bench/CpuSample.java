package io.tggateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.tggateway.process.GatewayProcess;

/**
 * CPU time used so far: by the service's process, by this JVM (the runner and the fake
 * Bot API), and by the whole machine ({@code /proc/stat}, where there is one).
 *
 * @param service the service's CPU time
 * @param runner this JVM's CPU time
 * @param machineBusyTicks busy clock ticks of all CPUs, or -1 if unknown
 * @param machineTotalTicks all clock ticks of all CPUs, or -1 if unknown
 */
record CpuSample(Duration service, Duration runner, long machineBusyTicks, long machineTotalTicks) {

	private static final Path PROC_STAT = Path.of("/proc/stat");

	static CpuSample take(GatewayProcess gateway) {
		Duration runner = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
		long busy = -1;
		long total = -1;
		try {
			List<String> lines = Files.exists(PROC_STAT) ? Files.readAllLines(PROC_STAT) : List.of();
			if (!lines.isEmpty() && lines.getFirst().startsWith("cpu ")) {
				// user nice system idle iowait irq softirq steal ...
				String[] fields = lines.getFirst().trim().split("\\s+");
				total = 0;
				for (int i = 1; i < Math.min(fields.length, 9); i++) {
					total += Long.parseLong(fields[i]);
				}
				busy = total - Long.parseLong(fields[4]) - Long.parseLong(fields[5]);
			}
		}
		catch (IOException | RuntimeException ex) {
			busy = -1;
			total = -1;
		}
		return new CpuSample(gateway.cpuTime(), runner, busy, total);
	}

	/**
	 * The CPU used since an earlier sample.
	 * @param before the earlier sample
	 * @return service and runner CPU time, and the machine's busy share in percent (-1
	 * if unknown)
	 */
	Used since(CpuSample before) {
		long ticks = this.machineTotalTicks - before.machineTotalTicks;
		double busy = (this.machineBusyTicks >= 0 && before.machineBusyTicks >= 0 && ticks > 0)
				? 100.0 * (this.machineBusyTicks - before.machineBusyTicks) / ticks : -1;
		return new Used(this.service.minus(before.service), this.runner.minus(before.runner), busy);
	}

	/**
	 * CPU used over a period.
	 *
	 * @param service by the service
	 * @param runner by this JVM (runner and fake)
	 * @param machineBusyPercent the busy share of all the machine's CPUs, -1 if unknown
	 */
	record Used(Duration service, Duration runner, double machineBusyPercent) {

	}

}
