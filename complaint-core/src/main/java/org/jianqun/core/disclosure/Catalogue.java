package org.jianqun.core.disclosure;

import java.util.List;
import java.util.Objects;
import org.jianqun.core.persistence.Database;

/** The disclosure catalogue: the platform's default (seeded by V19), or a county's own list, which replaces it whole. */
public final class Catalogue {
    static final String DEFAULT = "";
    static final int MAX_ITEMS = 200;

    private final Database database;

    public Catalogue(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        database.addMapper(DisclosureMapper.class);
    }

    /** Whose list it is and its items. */
    public record Listing(boolean countyOwn, List<CatalogueItem> items) {
    }

    public Listing of(String countyCode) {
        return database.read(s -> {
            DisclosureMapper mapper = s.getMapper(DisclosureMapper.class);
            List<CatalogueItem> own = mapper.catalogue(countyCode);
            return own.isEmpty() ? new Listing(false, mapper.catalogue(DEFAULT)) : new Listing(true, own);
        });
    }

    /** Replaces the county's list in one transaction; positions are renumbered in the order given. */
    public Listing replace(String countyCode, List<CatalogueItem> items) {
        if (countyCode == null || !countyCode.matches("[0-9]{6}")) {
            throw new IllegalArgumentException("a county code is 6 digits");
        }
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("a catalogue has 1 to " + MAX_ITEMS + " items");
        }
        database.inTransaction(s -> {
            DisclosureMapper mapper = s.getMapper(DisclosureMapper.class);
            mapper.deleteCatalogue(countyCode);
            for (int i = 0; i < items.size(); i++) {
                CatalogueItem item = items.get(i);
                mapper.insertCatalogueItem(countyCode, new CatalogueItem(i + 1, item.category(), item.name(), item.cadence()));
            }
            return null;
        });
        return of(countyCode);
    }
}
