package org.jianqun.launcher.architecture.planted.console;

import org.jianqun.launcher.architecture.planted.gateway.PlantedGatewayPart;

/** A planted breach (never used): one role module calling another directly. */
public final class PlantedConsoleRoute {
    private PlantedConsoleRoute() {
    }

    static int ask() {
        return PlantedGatewayPart.answer();
    }
}
