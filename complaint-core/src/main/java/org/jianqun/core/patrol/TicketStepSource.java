package org.jianqun.core.patrol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Confidentiality;
import org.jianqun.core.access.TicketFacts;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.clues.ClueOrigin;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.ticket.TicketEventType;
import org.jianqun.core.ticket.WarningColour;

/**
 * The patrol items that are steps of tickets, read from the audit trail where the desk and the sweep write
 * every step (by its (chain, type, at) index, bounded by the window however old the data): a new ticket (REGISTERED, ordinary), a new real-name report (REGISTERED, confidential, its office
 * only), an orange or a red warning (the sweep's recolouring, one item per ticket and colour) and a 不满意 rating
 * (REOPENED, one item per rating). Whether the officer may know each ticket is {@link AccessPolicy#mayKnow}'s.
 */
public final class TicketStepSource implements PatrolSource {
    /** What a ticket step must be to be an item of a kind. */
    private record Shape(PatrolKind kind, String type, String colour, String confidentiality, boolean perStep,
                         ClueOrigin.Kind clueKind) {
    }

    public static final String WARNING_STEP = "WARNING";

    private static final List<Shape> SHAPES = List.of(
            new Shape(PatrolKind.NEW_TICKET, TicketEventType.REGISTERED.name(), null, "ordinary", false, ClueOrigin.Kind.TICKET),
            new Shape(PatrolKind.REAL_NAME_REPORT, TicketEventType.REGISTERED.name(), null, "office", false, ClueOrigin.Kind.TICKET),
            new Shape(PatrolKind.ORANGE_WARNING, WARNING_STEP, WarningColour.ORANGE.name(), "both", false, ClueOrigin.Kind.WARNING),
            new Shape(PatrolKind.RED_WARNING, WARNING_STEP, WarningColour.RED.name(), "both", false, ClueOrigin.Kind.WARNING),
            new Shape(PatrolKind.UNSATISFIED_RATING, TicketEventType.REOPENED.name(), null, "both", true, ClueOrigin.Kind.TICKET));

    private static final List<PatrolMapper.Shape> QUERY_SHAPES = SHAPES.stream()
            .map(s -> new PatrolMapper.Shape(s.kind().wireName(), s.type(), s.colour(), s.confidentiality(), s.perStep())).toList();

    private final Database database;

    public TicketStepSource(Database database) {
        this.database = database;
        database.addMapper(PatrolMapper.class);
    }

    @Override
    public Set<PatrolKind> kinds() {
        Set<PatrolKind> kinds = new HashSet<>();
        SHAPES.forEach(s -> kinds.add(s.kind()));
        return kinds;
    }

    @Override
    public List<PatrolItem> unreviewed(PatrolWindow window, int limit) {
        String chain = window.scope().length() >= 6 ? AuditTrail.chainOf(window.scope()) : null;
        List<PatrolMapper.StepRow> rows = database.read(s -> s.getMapper(PatrolMapper.class).unreviewedSteps(QUERY_SHAPES, window.scope().length() >= 9, chain,
                chain == null ? window.scope() : null, window.scope(), window.office(), window.from(), window.to(), limit));
        List<PatrolItem> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PatrolMapper.StepRow row : rows) {
            Shape shape = shapeOf(row);
            // A ticket recoloured orange twice is one orange item (its newest step comes first).
            if ((shape.perStep() || seen.add(shape.kind().wireName() + ":" + row.no())) && mayKnow(window.officer(), row)) {
                items.add(item(shape, row));
            }
        }
        return items;
    }

    @Override
    public Optional<PatrolItem> find(Actor officer, PatrolKey key) {
        Optional<Shape> shape = SHAPES.stream().filter(s -> s.kind().equals(key.kind())).findFirst();
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = key.ref().split("@", -1);
        if (parts.length != (shape.get().perStep() ? 2 : 1) || !parts[0].matches("[1-9]\\d{0,17}")
                || (parts.length == 2 && !parts[1].matches("[1-9]\\d{0,17}"))) {
            return Optional.empty();
        }
        Long eventId = parts.length == 2 ? Long.valueOf(parts[1]) : null;
        PatrolMapper.StepRow row = database.read(s -> s.getMapper(PatrolMapper.class)
                .step(Long.parseLong(parts[0]), shape.get().type(), shape.get().colour(), eventId));
        if (row == null || !mayKnow(officer, row) || !AccessPolicy.covers(officer, row.villageCode())) {
            return Optional.empty();
        }
        boolean confidential = row.office() != null;
        if ((shape.get().confidentiality().equals("ordinary") && confidential) || (shape.get().confidentiality().equals("office") && !confidential)) {
            return Optional.empty();
        }
        return Optional.of(item(shape.get(), row));
    }

    /** Which shape a row was read as: by its step type, a warning's colour, a registration's confidentiality. */
    private static Shape shapeOf(PatrolMapper.StepRow row) {
        return SHAPES.stream().filter(x -> x.type().equals(row.type()))
                .filter(x -> x.colour() == null || x.colour().equals(row.afterState()))
                .filter(x -> !x.type().equals(TicketEventType.REGISTERED.name())
                        || x.confidentiality().equals(row.office() == null ? "ordinary" : "office"))
                .findFirst().orElseThrow(() -> new IllegalStateException("a step no shape asked for: " + row.type()));
    }

    private static boolean mayKnow(Actor officer, PatrolMapper.StepRow row) {
        Confidentiality confidentiality = row.office() == null ? Confidentiality.ORDINARY : new Confidentiality.RoutedTo(row.office());
        return AccessPolicy.mayKnow(officer, new TicketFacts(row.villageCode(), confidentiality));
    }

    private static PatrolItem item(Shape shape, PatrolMapper.StepRow row) {
        String ref = shape.perStep() ? row.no() + "@" + row.eventId() : Long.toString(row.no());
        return new PatrolItem(new PatrolKey(shape.kind(), ref), row.at(), row.villageCode(), row.no(), row.content(), List.of(),
                new ClueOrigin(shape.clueKind(), Long.toString(row.no())));
    }
}
