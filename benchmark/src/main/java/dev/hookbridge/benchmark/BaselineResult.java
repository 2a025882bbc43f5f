package dev.hookbridge.benchmark;

/** One baseline measured at one number of clients. */
record BaselineResult(String baseline, int clients, LoadResult result) {
}
