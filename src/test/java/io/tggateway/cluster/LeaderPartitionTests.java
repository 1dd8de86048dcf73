package io.tggateway.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.poller.PollerState;
import io.tggateway.poller.UpdatePoller;
import io.tggateway.testsupport.TcpProxy;
import io.tggateway.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A leader cut off from the database by a network partition (its connections stay open,
 * nothing comes back) gives the leadership up before its lock expires, so the standby
 * that takes over never polls while the old leader still does.
 */
@ExtendWith(TestDatabase.Available.class)
class LeaderPartitionTests {

	private static final Duration LOCK_TTL = Duration.ofSeconds(8);

	private static final Pattern HOST_AND_PORT = Pattern.compile("//([^/:]+):?([0-9]*)/");

	private final FakeTelegram fake = FakeTelegram.start();

	private final TestDatabase.Schema schema = TestDatabase.freshSchema();

	private final TcpProxy proxy;

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	LeaderPartitionTests() {
		Matcher target = HOST_AND_PORT.matcher(this.schema.url());
		assertThat(target.find()).as("host and port in %s", this.schema.url()).isTrue();
		this.proxy = TcpProxy.start(target.group(1),
				target.group(2).isEmpty() ? 5432 : Integer.parseInt(target.group(2)));
	}

	@AfterEach
	void closeAll() {
		this.proxy.close();
		this.replicas.forEach(ConfigurableApplicationContext::close);
		this.fake.close();
	}

	@Test
	void whenTheLeaderLosesTheDatabaseThenItStopsPollingBeforeTheStandbyTakesOver() {
		String proxied = HOST_AND_PORT.matcher(this.schema.url())
			.replaceFirst("//127.0.0.1:" + this.proxy.port() + "/");
		ConfigurableApplicationContext leader = start(proxied);
		await().atMost(Duration.ofSeconds(30)).until(() -> leader.getBean(Leadership.class).isLeader());
		ConfigurableApplicationContext standby = start(this.schema.url());
		long chat = 9_301;
		this.fake.userSendsText(chat, "before");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.fake.sentTo(chat).size() == 1);

		this.proxy.partition();
		long partitionedAt = System.nanoTime();
		await().pollInterval(Duration.ofMillis(10))
			.atMost(LOCK_TTL.multipliedBy(3))
			.until(() -> standby.getBean(Leadership.class).isLeader());
		Duration takeover = Duration.ofNanos(System.nanoTime() - partitionedAt);
		// The moment the standby leads, the cut-off leader must have let go and stopped
		// polling: otherwise both poll until its database calls give up (minutes).
		assertThat(leader.getBean(Leadership.class).isLeader()).as("the cut-off leader still leads").isFalse();
		assertThat(leader.getBean(UpdatePoller.class).status().state()).as("the cut-off leader's poller")
			.isEqualTo(PollerState.STOPPED);
		this.fake.userSendsText(chat, "after");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.fake.sentTo(chat).size() == 2);
		// The fake cannot see that the cut-off leader aborted its last long poll: a poll
		// of the new leader within that poll's timeout counts as a 409 there, which
		// Telegram does not answer to a client that is gone.
		System.out.printf("partitioned leader: the standby leads after %d ms (lock TTL %d ms); %d 409s%n",
				takeover.toMillis(), LOCK_TTL.toMillis(), this.fake.conflicts());
	}

	private ConfigurableApplicationContext start(String url) {
		ConfigurableApplicationContext context = InProcessReplica.start(this.fake, this.schema, url,
				"--gateway.poller.timeout=2s", "--gateway.cluster.lock-ttl=" + LOCK_TTL.toMillis() + "ms",
				"--gateway.cluster.heartbeat=1s", "--gateway.cluster.retry=200ms",
				// Shorter than the defaults, so that closing the cut-off replica takes
				// seconds.
				"--spring.datasource.hikari.connection-timeout=2000", "--gateway.shutdown.drain-timeout=2s");
		this.replicas.add(context);
		return context;
	}

}
