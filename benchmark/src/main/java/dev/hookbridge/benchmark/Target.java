package dev.hookbridge.benchmark;

/**
 * One target beside its measured figure. {@code name} keys it in benchmark.json; {@code met} is null
 * when it could not be evaluated in this run (then it has no name and is left out of the JSON).
 */
record Target(String name, String target, String measured, Boolean met) {

    String mark() {
        return met == null ? "n/a" : met ? "met" : "MISSED";
    }
}
