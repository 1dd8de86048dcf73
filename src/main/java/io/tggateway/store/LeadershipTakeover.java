package io.tggateway.store;

/**
 * A step of the {@code jdbc} store that runs on a replica that has just become the
 * leader, before its poller and delivery engine start: it takes over what earlier leaders
 * held in the database and can no longer finish. A leader that stopped gracefully
 * finished its work before it gave the leadership up; one that crashed never will, and
 * without this step its work would wait for its leases to run out.
 */
public interface LeadershipTakeover {

	/**
	 * Takes over what earlier leaders held. Runs while no leader-only component of this
	 * replica runs.
	 * @return how many items were taken over (for the log)
	 */
	int takeOver();

}
