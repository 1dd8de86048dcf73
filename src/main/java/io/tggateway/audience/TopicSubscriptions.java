package io.tggateway.audience;

import java.util.List;
import java.util.Map;

/**
 * The repository of topic subscriptions: which chats receive a topic's notifications.
 */
public interface TopicSubscriptions {

	/**
	 * Subscribes a chat to a topic.
	 * @param topic the topic
	 * @param chatId the chat
	 * @return whether the subscription is new
	 */
	boolean subscribe(String topic, long chatId);

	/**
	 * Unsubscribes a chat from a topic.
	 * @param topic the topic
	 * @param chatId the chat
	 * @return whether there was a subscription
	 */
	boolean unsubscribe(String topic, long chatId);

	/**
	 * Unsubscribes a chat from every topic.
	 * @param chatId the chat
	 * @return how many subscriptions ended
	 */
	int unsubscribeChat(long chatId);

	/**
	 * A topic's subscribers, oldest first.
	 * @param topic the topic
	 * @return the chat ids
	 */
	List<Long> subscribers(String topic);

	/**
	 * The topics a chat is subscribed to.
	 * @param chatId the chat
	 * @return the topic names
	 */
	List<String> topicsOf(long chatId);

	/**
	 * How many chats each topic has.
	 * @return subscriber counts by topic; topics without subscribers may be missing
	 */
	Map<String, Integer> counts();

	/**
	 * Moves every subscription of a chat to a new chat id (a group became a supergroup).
	 * @param from the old chat id
	 * @param to the new chat id
	 */
	void moveChat(long from, long to);

}
