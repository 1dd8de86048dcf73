package io.tggateway.dispatch;

/**
 * How many updates one lane holds, for the ops endpoint.
 *
 * @param key the lane's key: the chat id, else the user id (a secret to mask before it is
 * shown)
 * @param depth updates waiting or running in the lane
 */
public record LaneDepth(long key, int depth) {

}
