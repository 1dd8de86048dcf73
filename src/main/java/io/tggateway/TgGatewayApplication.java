package io.tggateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The tg-gateway service: a Telegram bot with ordered per-chat handling and a
 * notification API.
 */
@SpringBootApplication
public class TgGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(TgGatewayApplication.class, args);
	}

}
