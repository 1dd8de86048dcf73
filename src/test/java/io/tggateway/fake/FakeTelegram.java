package io.tggateway.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;

import io.tggateway.fake.FakeChats.ChatState;

/**
 * A stateful fake of the Telegram Bot API server on {@code 127.0.0.1}, for tests,
 * benchmarks and the local sandbox. Clients call {@code <baseUrl>/bot<token>/<method>} as
 * they would call {@code https://api.telegram.org}; tests play the users
 * ({@link #userSendsText}), inspect what the bot did ({@link #sentTo},
 * {@link #deliveredUpdateIds}) and make Telegram misbehave ({@link #blockChat},
 * {@link #enableSendLimits}, {@link #injectFaults}, {@link #setLatency}). Everything is
 * thread-safe; {@link #close()} wakes every held request.
 *
 * <p>
 * Served by the JDK's HTTP server on virtual threads. Two of its defaults do not match
 * Telegram's servers, so unless they are set, this class sets them for the JVM (the JDK
 * reads them once, when its first server starts): its idle-connection cap (200) would
 * close pooled client connections under load
 * ({@code sun.net.httpserver.maxIdleConnections}), and without {@code TCP_NODELAY} an
 * answer larger than its 8 KB buffer waits for the client's delayed ACK, about 40 ms
 * ({@code sun.net.httpserver.nodelay}).
 */
public final class FakeTelegram implements AutoCloseable {

	/**
	 * The default valid token; its bot id is {@code 123456789}.
	 */
	public static final String TOKEN = "123456789:AAFakeTokenForTestsOnly-abcdefghijk";

	private static final int BACKLOG = 1024;

	private static final byte[] LOOPBACK = { 127, 0, 0, 1 };

	private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(2);

	static {
		if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
			System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
		}
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final FakeBotSettings settings = new FakeBotSettings(TOKEN);

	private final FakeUpdateQueue queue = new FakeUpdateQueue();

	private final FakeChats chats = new FakeChats();

	private final FakeSendLimits limits = new FakeSendLimits();

	private final FakeFaults faults = new FakeFaults();

	private final FakeLifecycle lifecycle = new FakeLifecycle();

	private final FakeSender sender = new FakeSender(this.chats, this.limits, this.settings);

	private final FakeUsers users = new FakeUsers(this.queue, this.chats, this.settings, FakeBotSettings.botId(TOKEN));

	private final AtomicBoolean closed = new AtomicBoolean();

	private final HttpServer server;

	private final ExecutorService executor;

	private FakeTelegram(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
		FakeBotApi api = new FakeBotApi(this.settings, this.queue, this.sender);
		server.createContext("/", new FakeHttpHandler(this.settings, api, this.faults, this.sender,
				new FakeControlApi(this), this.lifecycle));
		server.setExecutor(executor);
	}

	/** Starts a fake on an ephemeral port of 127.0.0.1. */
	public static FakeTelegram start() {
		return start(0);
	}

	/** Starts a fake on {@code port} of 127.0.0.1 (0 for an ephemeral port). */
	public static FakeTelegram start(int port) {
		ExecutorService executor = Executors
			.newThreadPerTaskExecutor(Thread.ofVirtual().name("fake-telegram-", 0).factory());
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), port),
					BACKLOG);
			FakeTelegram fake = new FakeTelegram(server, executor);
			server.start();
			return fake;
		}
		catch (IOException ex) {
			executor.shutdownNow();
			throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, ex);
		}
	}

	/** Returns {@code http://127.0.0.1:<port>}, the value for the client's API URL. */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Stops the server: held long polls answer at once, latency waits end, hung requests
	 * are dropped; after at most a 2 s grace the remaining connections are closed.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.lifecycle.beginClose();
		this.queue.close();
		this.lifecycle.awaitIdle(CLOSE_DEADLINE);
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	// Tokens and identity

	/** Accepts another token (format {@code <bot id>:<secret>}). */
	public void acceptToken(String token) {
		this.settings.acceptToken(token);
	}

	/**
	 * Every later call with a token accepted so far answers 401 (BotFather's /revoke).
	 */
	public void revokeToken() {
		this.settings.revokeTokens();
	}

	public void setBotUsername(String username) {
		this.settings.setUsername(username);
	}

	/** Sets (or, with an empty string, deletes) the webhook, as setWebhook does. */
	public void setWebhookUrl(String url) {
		this.settings.setWebhookUrl(url);
	}

	/** Returns the webhook URL, empty when none is set. */
	public String webhookUrl() {
		return this.settings.webhookUrl();
	}

	/** Returns the commands of the default scope without a language code. */
	public List<BotCommand> commands() {
		return this.settings.commands();
	}

	// Users and updates

	/** Sets the id of the next update; ids must keep increasing. Default 100000. */
	public void startUpdateIdsAt(int firstId) {
		this.queue.startIdsAt(firstId);
	}

	/** A user writes in their private chat with the bot ({@code chatId} = user id). */
	public int userSendsText(long chatId, String text) {
		return this.users.sendsText(chatId, chatId, text);
	}

	/**
	 * A user writes in a chat: a negative {@code chatId} is a group (a supergroup from
	 * -10^12).
	 */
	public int userSendsText(long chatId, long userId, String text) {
		return this.users.sendsText(chatId, userId, text);
	}

	/**
	 * A user presses an inline button with {@code data} under the bot's last message in
	 * the chat.
	 */
	public int userPressesButton(long chatId, long userId, String data) {
		return this.users.pressesButton(chatId, userId, data);
	}

	/** A user types {@code @bot query} anywhere. */
	public int inlineQuery(long userId, String query) {
		return this.users.inlineQuery(userId, query);
	}

	/**
	 * Enqueues an update from its JSON content without {@code update_id}, e.g.
	 * {@code {"poll":{...}}}.
	 */
	public int enqueueRawUpdate(String jsonWithoutUpdateId) {
		return this.users.raw(jsonWithoutUpdateId);
	}

	/** Returns the number of updates not yet confirmed, delivered or not. */
	public int pendingUpdates() {
		return this.queue.pendingCount();
	}

	/** Returns the highest offset a getUpdates call has confirmed (0 before any). */
	public int confirmedUpTo() {
		return this.queue.confirmedUpTo();
	}

	/** Returns the id of the newest update (first id - 1 before any). */
	public int lastUpdateId() {
		return this.queue.lastUpdateId();
	}

	/**
	 * Returns every update id getUpdates answered with, in order, redeliveries included.
	 */
	public List<Integer> deliveredUpdateIds() {
		return this.queue.deliveredIds();
	}

	/**
	 * Returns the number of getUpdates calls with a valid token, faulted ones included.
	 */
	public int getUpdatesCalls() {
		return this.faults.calls("getUpdates");
	}

	/** Returns whether a getUpdates call is being held (long polling) right now. */
	public boolean pollInProgress() {
		return this.queue.pollInProgress();
	}

	/**
	 * Returns the number of getUpdates 409 answers (overlapping polls and active
	 * webhook).
	 */
	public int conflicts() {
		return this.queue.conflicts();
	}

	// Sends

	public List<SentMessage> sentMessages() {
		return this.chats.allSent();
	}

	public List<SentMessage> sentTo(long chatId) {
		return this.chats.sentTo(chatId);
	}

	/**
	 * Returns the number of sendMessage calls with a valid token, refused and faulted
	 * included.
	 */
	public int sendAttempts() {
		return this.sender.attempts();
	}

	/** Forgets the recorded sends (message ids keep increasing). */
	public void clearSent() {
		this.chats.clearSent();
	}

	// Chat states

	/** Sends to the chat answer 403 "Forbidden: bot was blocked by the user". */
	public void blockChat(long chatId) {
		this.chats.setState(chatId, ChatState.BLOCKED);
	}

	/** Sends to the chat answer 403 "Forbidden: bot was kicked from the group chat". */
	public void kickFromChat(long chatId) {
		this.chats.setState(chatId, ChatState.KICKED);
	}

	/** Sends to the chat answer 403 "Forbidden: user is deactivated". */
	public void deactivateUser(long chatId) {
		this.chats.setState(chatId, ChatState.DEACTIVATED);
	}

	/** Sends to the chat answer 400 "Bad Request: chat not found". */
	public void unknownChat(long chatId) {
		this.chats.setState(chatId, ChatState.UNKNOWN);
	}

	/**
	 * Sends to {@code oldChatId} answer 400 with {@code parameters.migrate_to_chat_id}.
	 */
	public void migrateChat(long oldChatId, long newChatId) {
		this.chats.migrate(oldChatId, newChatId);
	}

	/** Clears any state or migration of the chat. */
	public void restoreChat(long chatId) {
		this.chats.restore(chatId);
	}

	/**
	 * Makes {@code chat_id=@username} resolve to {@code chatId} (otherwise: chat not
	 * found).
	 */
	public void registerChatUsername(String username, long chatId) {
		this.chats.registerUsername(username, chatId);
	}

	// Send limits, faults, latency

	/**
	 * Enforces Telegram's flood control with these limits, starting from empty windows.
	 */
	public void enableSendLimits(SendLimits sendLimits) {
		this.limits.enable(sendLimits);
	}

	public void disableSendLimits() {
		this.limits.disable();
	}

	/** Returns the number of 429 answers, from limits and injected faults. */
	public int tooManyRequests() {
		return this.faults.tooManyRequests();
	}

	/** Delays every answer by {@code latency} (zero by default). */
	public void setLatency(Duration latency) {
		this.faults.setLatency(latency);
	}

	/**
	 * The next {@code count} calls of {@code method} (case-insensitive, or "*") get
	 * {@code fault}.
	 */
	public void injectFaults(String method, int count, Fault fault) {
		this.faults.inject(method, count, fault);
	}

	/** Forgets the faults not served yet. */
	public void clearFaults() {
		this.faults.clear();
	}

	/**
	 * Returns the number of calls of {@code method} (case-insensitive) with a valid
	 * token.
	 */
	public int calls(String method) {
		return this.faults.calls(method);
	}

	public int faultsServed() {
		return this.faults.served();
	}

}
