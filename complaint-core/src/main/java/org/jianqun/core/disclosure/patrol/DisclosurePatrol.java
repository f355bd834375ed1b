package org.jianqun.core.disclosure.patrol;

import java.util.List;
import org.jianqun.core.CoreServices;
import org.jianqun.core.disclosure.missing.MissingDisclosures;
import org.jianqun.core.patrol.PatrolSource;

/** The disclosure's patrol sources, for whoever builds the patrol queue: smart warnings and red missing disclosures. */
public final class DisclosurePatrol {
    private DisclosurePatrol() {
    }

    public static List<PatrolSource> sources(CoreServices core) {
        return List.of(new SmartWarningSource(core.database()), new MissingDisclosureSource(core.database(),
                new MissingDisclosures(core.database(), core.calendar(), core.clock(), core.config().disclosurePushDay())));
    }
}
