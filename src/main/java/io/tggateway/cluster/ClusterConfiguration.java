package io.tggateway.cluster;

import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.leader.event.DefaultLeaderEventPublisher;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import io.tggateway.delivery.DeliveryEngine;
import io.tggateway.poller.UpdatePoller;
import io.tggateway.store.LeadershipTakeover;
import io.tggateway.store.StoreProperties;

/**
 * Wires the leader election with the {@code jdbc} store: a lock row in table
 * {@code int_lock}, renewed by the leader every {@code gateway.cluster.heartbeat},
 * expiring after {@code gateway.cluster.lock-ttl}. Spring Integration's lock registry was
 * chosen over a hand-written lease: it is a maintained, tested implementation of exactly
 * this, on the database the service already needs. With either store it wires the
 * {@code gateway.cluster.leader} gauge.
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

	/**
	 * With the {@code memory} store no {@link Leadership} exists: the one replica leads.
	 */
	@Bean
	ClusterMetrics clusterMetrics(ObjectProvider<Leadership> leadership) {
		Leadership candidate = leadership.getIfAvailable();
		return (candidate != null) ? ClusterMetrics.of(candidate) : ClusterMetrics.alwaysLeader();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = StoreProperties.TYPE, havingValue = "jdbc")
	@EnableConfigurationProperties(ClusterProperties.class)
	static class Election {

		private final String replicaId = UUID.randomUUID().toString();

		@Bean
		LockConnections lockConnections(DataSourceProperties dataSourceProperties, ClusterProperties properties) {
			return LockConnections.create(dataSourceProperties, properties.callTimeout());
		}

		@Bean
		DefaultLockRepository lockRepository(LockConnections lockConnections) {
			DefaultLockRepository repository = new DefaultLockRepository(lockConnections.dataSource(), this.replicaId);
			repository.setTransactionManager(new DataSourceTransactionManager(lockConnections.dataSource()));
			repository.setPrefix("int_");
			return repository;
		}

		@Bean
		JdbcLockRegistry lockRegistry(DefaultLockRepository lockRepository, ClusterProperties properties) {
			return new JdbcLockRegistry(lockRepository, properties.lockTtl());
		}

		/**
		 * The takeover steps are looked up when the leadership is granted, by then every
		 * singleton exists: the beans that implement {@link LeadershipTakeover} may be
		 * declared by another type (the outbox is an {@code OutboxStore}).
		 */
		@Bean
		Leadership leadership(UpdatePoller updatePoller, DeliveryEngine deliveryEngine,
				ObjectProvider<LeadershipTakeover> takeovers) {
			return new Leadership(this.replicaId, List.of(updatePoller, deliveryEngine),
					() -> takeovers.orderedStream().toList());
		}

		/**
		 * The initiator is not a bean of its own: the context would stop it, and release
		 * the lock, at the start of a shutdown; {@link LeaderElection} decides when.
		 */
		@Bean
		LeaderElection leaderElection(JdbcLockRegistry lockRegistry, Leadership leadership,
				ClusterProperties properties, ApplicationEventPublisher events) {
			LockRegistryLeaderInitiator initiator = new LockRegistryLeaderInitiator(lockRegistry, leadership);
			initiator.setHeartBeatMillis(properties.heartbeat().toMillis());
			initiator.setBusyWaitMillis(properties.retry().toMillis());
			initiator.setAutoStartup(false);
			initiator.setLeaderEventPublisher(new DefaultLeaderEventPublisher(events));
			return new LeaderElection(initiator, leadership);
		}

		@Bean
		SmartLifecycle leaderElectionEntry(LeaderElection leaderElection) {
			return leaderElection.entry();
		}

	}

}
