package io.tggateway.ops;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.tggateway.cluster.Leadership;
import io.tggateway.store.StoreType;

/**
 * Whether this replica leads: with the {@code memory} store it always does (one replica
 * only); with {@code jdbc} it leads while it holds the leadership lock.
 */
final class ReplicaRole {

	private final StoreType store;

	private final @Nullable Leadership leadership;

	ReplicaRole(StoreType store, @Nullable Leadership leadership) {
		this.store = store;
		this.leadership = leadership;
	}

	boolean isLeader() {
		return this.leadership == null || this.leadership.isLeader();
	}

	String name() {
		return isLeader() ? "leader" : "standby";
	}

	String store() {
		return this.store.name().toLowerCase(Locale.ROOT);
	}

	@Nullable Leadership leadership() {
		return this.leadership;
	}

}
