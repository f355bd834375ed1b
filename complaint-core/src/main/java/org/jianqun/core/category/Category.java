package org.jianqun.core.category;

import java.util.Objects;

/**
 * A ticket's category (基础设施, 环境卫生 …): one of the names in the {@code ticket_category} table, which is
 * the list (DESIGN.md: the list is data). A value checked to be there is made by {@link CategoryList#find}.
 */
public record Category(String name) {
    /** Where a ticket goes when nothing in its words tells: always in the list (V17 seeds it). */
    public static final Category OTHER = new Category("其他");
    /** The column's width (VARCHAR(8)): longer cannot be a category. */
    public static final int MAX_LENGTH = 8;

    public Category {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a category name is 1 to " + MAX_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
