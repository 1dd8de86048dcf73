package io.tggateway.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telegram.telegrambots.meta.api.objects.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LaneKeys}: every kind of update lands in the lane of its chat, else of
 * its user, else in the shared lane.
 */
class LaneKeysTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					message                 | {"message":{"message_id":1,"date":1700000000,"chat":{"id":-5,"type":"group"},"text":"hi"}}                  | -5
					edited_message          | {"edited_message":{"message_id":1,"date":1700000000,"chat":{"id":7,"type":"private"},"text":"hi"}}        | 7
					channel_post            | {"channel_post":{"message_id":1,"date":1700000000,"chat":{"id":-1001,"type":"channel"}}}                  | -1001
					edited_channel_post     | {"edited_channel_post":{"message_id":1,"date":1700000000,"chat":{"id":-1002,"type":"channel"}}}           | -1002
					business_message        | {"business_message":{"message_id":1,"date":1700000000,"chat":{"id":8,"type":"private"}}}                  | 8
					callback_query          | {"callback_query":{"id":"q","from":{"id":9,"is_bot":false,"first_name":"U"},"chat_instance":"c","message":{"message_id":3,"date":1700000000,"chat":{"id":-77,"type":"group"}}}} | -77
					inline callback_query   | {"callback_query":{"id":"q","from":{"id":9,"is_bot":false,"first_name":"U"},"chat_instance":"c","inline_message_id":"i"}} | 9
					inline_query            | {"inline_query":{"id":"q","from":{"id":10,"is_bot":false,"first_name":"U"},"query":"x","offset":""}} | 10
					chosen_inline_result    | {"chosen_inline_result":{"result_id":"r","from":{"id":11,"is_bot":false,"first_name":"U"},"query":"x"}} | 11
					my_chat_member          | {"my_chat_member":{"chat":{"id":-12,"type":"group"},"from":{"id":1,"is_bot":false,"first_name":"U"},"date":0,"old_chat_member":{"status":"left","user":{"id":2,"is_bot":true,"first_name":"B"}},"new_chat_member":{"status":"member","user":{"id":2,"is_bot":true,"first_name":"B"}}}} | -12
					chat_join_request       | {"chat_join_request":{"chat":{"id":-13,"type":"supergroup"},"from":{"id":1,"is_bot":false,"first_name":"U"},"user_chat_id":1,"date":0}} | -13
					poll_answer             | {"poll_answer":{"poll_id":"p","user":{"id":14,"is_bot":false,"first_name":"U"},"option_ids":[0]}} | 14
					pre_checkout_query      | {"pre_checkout_query":{"id":"p","from":{"id":15,"is_bot":false,"first_name":"U"},"currency":"XTR","total_amount":1,"invoice_payload":"x"}} | 15
					poll                    | {"poll":{"id":"p","question":"q","options":[],"total_voter_count":0,"is_closed":false,"is_anonymous":true,"type":"regular","allows_multiple_answers":false}} | 0
					unknown type            | {"some_future_update":{"x":1}}                                                                      | 0
					""")
	void whenAnUpdateArrivesThenItsLaneIsItsChatElseItsUser(String kind, String json, long expectedLane)
			throws Exception {
		Update update = JSON.readValue("{\"update_id\":1," + json.substring(1), Update.class);
		assertThat(LaneKeys.of(update)).as(kind).isEqualTo(expectedLane);
	}

}
