package io.tggateway.delivery;

/**
 * Who a notification is for: exactly one chat, subject or topic.
 */
public sealed interface Recipient {

	/**
	 * How the recipient reads in a status, such as {@code subject:user-42}.
	 * @return the description
	 */
	String describe();

	/**
	 * A Telegram chat by id.
	 *
	 * @param chatId the chat id
	 */
	record Chat(long chatId) implements Recipient {

		@Override
		public String describe() {
			return "chat:" + this.chatId;
		}

	}

	/**
	 * Every chat linked to an internal subject.
	 *
	 * @param subject the subject, such as {@code user-42}
	 */
	record Subject(String subject) implements Recipient {

		@Override
		public String describe() {
			return "subject:" + this.subject;
		}

	}

	/**
	 * Every active chat subscribed to a topic.
	 *
	 * @param topic the topic's name
	 */
	record Topic(String topic) implements Recipient {

		@Override
		public String describe() {
			return "topic:" + this.topic;
		}

	}

}
