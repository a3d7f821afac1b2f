package dev.backchannel.store;

/** The station as stored. */
public record StationInfo(String prefix, String name, String publicKey, long stationSerial) {}
