package dev.backchannel.store;

/**
 * Counters of the write path since the store was opened.
 *
 * @param commits durable transactions committed
 * @param releases cables released
 */
public record StoreStats(long commits, long releases) {}
