package io.tggateway.dispatch;

/**
 * A snapshot of the dispatcher's counters, for health, metrics and the ops endpoint.
 *
 * @param queued accepted updates not yet finished (waiting or running)
 * @param running handlers running now
 * @param activeLanes chats with at least one update waiting or running
 * @param accepted updates accepted since start
 * @param handled updates whose handler returned normally
 * @param failed updates whose handler threw
 * @param timedOut updates whose handler ran past the timeout
 * @param refusedLaneFull updates refused because their chat's lane was full
 * @param refusedQueueFull updates refused because the dispatcher was full
 * @param refusedStopping updates refused because the dispatcher was stopping
 * @param droppedOnStop updates dropped unhandled when a stop's drain deadline passed
 */
public record DispatchStats(int queued, int running, long activeLanes, long accepted, long handled, long failed,
		long timedOut, long refusedLaneFull, long refusedQueueFull, long refusedStopping, long droppedOnStop) {

}
