package dev.hookbridge.benchmark.server;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS root of the baseline WAR (context root benchmark-baseline). */
@ApplicationPath("/")
public class BaselineApplication extends Application {
}
