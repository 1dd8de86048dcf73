package io.tggateway.audience;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.tggateway.store.StoreType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Topic subscriptions, against both stores: subscribing, unsubscribing one topic or all,
 * counts, and moving a chat to a new id.
 */
@ParameterizedClass(name = "{0} store")
@EnumSource(StoreType.class)
class TopicSubscriptionsTests {

	private final AudienceStore store;

	private final TopicSubscriptions subscriptions;

	TopicSubscriptionsTests(StoreType storeType) {
		this.store = new AudienceStore(storeType);
		this.subscriptions = this.store.topicSubscriptions();
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void whenAChatSubscribesTwiceThenItIsOneSubscription() {
		assertThat(this.subscriptions.subscribe("releases", 11)).isTrue();
		assertThat(this.subscriptions.subscribe("releases", 11)).isFalse();
		assertThat(this.subscriptions.subscribers("releases")).containsExactly(11L);
		assertThat(this.subscriptions.counts()).containsEntry("releases", 1);
	}

	@Test
	void whenAChatUnsubscribesThenOnlyThatTopicLosesIt() {
		this.subscriptions.subscribe("releases", 11);
		this.subscriptions.subscribe("outages", 11);
		assertThat(this.subscriptions.unsubscribe("releases", 11)).isTrue();
		assertThat(this.subscriptions.unsubscribe("releases", 11)).isFalse();
		assertThat(this.subscriptions.topicsOf(11)).containsExactly("outages");
	}

	@Test
	void whenAChatStopsThenEveryTopicLosesIt() {
		this.subscriptions.subscribe("releases", 11);
		this.subscriptions.subscribe("outages", 11);
		this.subscriptions.subscribe("outages", 12);
		assertThat(this.subscriptions.unsubscribeChat(11)).isEqualTo(2);
		assertThat(this.subscriptions.topicsOf(11)).isEmpty();
		assertThat(this.subscriptions.subscribers("outages")).containsExactly(12L);
	}

	@Test
	void whenAChatMovesThenEverySubscriptionNamesTheNewId() {
		this.subscriptions.subscribe("releases", -100);
		this.subscriptions.subscribe("outages", -100);
		this.subscriptions.subscribe("outages", 12);
		this.subscriptions.moveChat(-100, -1_000_000_000_100L);
		assertThat(this.subscriptions.topicsOf(-100)).isEmpty();
		assertThat(this.subscriptions.topicsOf(-1_000_000_000_100L)).containsExactly("outages", "releases");
		assertThat(this.subscriptions.subscribers("outages")).containsExactlyInAnyOrder(12L, -1_000_000_000_100L);
		assertThat(this.subscriptions.counts()).containsEntry("outages", 2).containsEntry("releases", 1);
	}

	@Test
	void whenAChatMovesToASubscribedIdThenTheSubscriptionIsNotDoubled() {
		this.subscriptions.subscribe("releases", -100);
		this.subscriptions.subscribe("releases", -200);
		this.subscriptions.moveChat(-100, -200);
		assertThat(this.subscriptions.subscribers("releases")).containsExactly(-200L);
	}

}
