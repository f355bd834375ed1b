package org.jianqun.launcher.architecture.planted.gateway;

/** A planted role module class, for {@code PlantedConsoleRoute} to reach into. */
public final class PlantedGatewayPart {
    public static int answer() {
        return 42;
    }
}
