package org.jianqun.launcher.architecture.planted.core.ticket;

import io.vertx.core.json.JsonObject;

/** A planted breach (never used): a domain class that imports Vert.x and names a gateway table. */
public final class PlantedTicketRule {
    static final String SQL = "SELECT id FROM inbox_message";

    private PlantedTicketRule() {
    }

    static JsonObject asJson() {
        return new JsonObject().put("sql", SQL);
    }
}
