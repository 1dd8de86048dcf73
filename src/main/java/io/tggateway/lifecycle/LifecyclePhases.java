package io.tggateway.lifecycle;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The {@link SmartLifecycle} phases of the service, in one place. The highest phase stops
 * first and starts last, so on shutdown the poller stops taking updates, the web server
 * drains REST calls, the dispatcher drains its lanes, delivery sends what it can, the
 * handled updates are confirmed (memory store) or the leader lock is released
 * ({@code jdbc} store), and only then is the Telegram client closed.
 *
 * <table>
 * <caption>Stop order</caption>
 * <tr>
 * <th>order</th>
 * <th>what</th>
 * <th>phase</th>
 * </tr>
 * <tr>
 * <td>1</td>
 * <td>{@link #POLLER}</td>
 * <td>{@code DEFAULT_PHASE}</td>
 * </tr>
 * <tr>
 * <td>2</td>
 * <td>web server drains (Boot)</td>
 * <td>{@code GRACEFUL_SHUTDOWN_PHASE}</td>
 * </tr>
 * <tr>
 * <td>3</td>
 * <td>web server stops (Boot)</td>
 * <td>{@code START_STOP_LIFECYCLE_PHASE}</td>
 * </tr>
 * <tr>
 * <td>4</td>
 * <td>{@link #DISPATCHER}, {@link #UPDATE_INBOX}, {@link #DELIVERY},
 * {@link #OFFSET_CONFIRMATION}</td>
 * <td>below the web server</td>
 * </tr>
 * <tr>
 * <td>5</td>
 * <td>{@link #LEADERSHIP}</td>
 * <td>below the offset confirmation</td>
 * </tr>
 * <tr>
 * <td>6</td>
 * <td>{@link #TELEGRAM_CLIENT}</td>
 * <td>below delivery</td>
 * </tr>
 * </table>
 */
public final class LifecyclePhases {

	/**
	 * The update poller: stops first (aborts its long poll and confirms the offset),
	 * starts last (only once everything that handles updates runs).
	 */
	public static final int POLLER = SmartLifecycle.DEFAULT_PHASE;

	/**
	 * The per-chat dispatcher: drains its lanes after the web server has stopped.
	 */
	public static final int DISPATCHER = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;

	/**
	 * The durable update inbox: writes the last "handled" marks once the dispatcher has
	 * drained.
	 */
	public static final int UPDATE_INBOX = DISPATCHER - 256;

	/**
	 * The delivery engine: drains after the dispatcher, so replies of the last handled
	 * updates still go out.
	 */
	public static final int DELIVERY = DISPATCHER - 512;

	/**
	 * The poller's final offset confirmation: after the dispatcher has drained, so that
	 * Telegram forgets exactly the updates that were handled (DESIGN.md, the offset
	 * protocol).
	 */
	public static final int OFFSET_CONFIRMATION = DELIVERY - 128;

	/**
	 * The leader lock (the {@code jdbc} store): released only once this replica has
	 * finished everything a leader does — its handlers ran, their "handled" marks are
	 * written, the sends under way are recorded — so the replica that takes over replays
	 * only what this one never handled. The election is joined in the {@link #POLLER}
	 * phase, when everything else runs.
	 */
	public static final int LEADERSHIP = OFFSET_CONFIRMATION - 64;

	/**
	 * Background work that only talks to Telegram (the bot identity, the command menu):
	 * starts right after the client, stops right before it.
	 */
	public static final int TELEGRAM_TASKS = DELIVERY - 256;

	/**
	 * The Telegram client: closes its connection pools and threads last.
	 */
	public static final int TELEGRAM_CLIENT = DELIVERY - 1024;

	private LifecyclePhases() {
	}

}
