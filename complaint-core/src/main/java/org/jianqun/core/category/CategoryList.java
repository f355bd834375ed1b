package org.jianqun.core.category;

import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;

/** The categories as stored (ticket_category), read in the caller's transaction: an admin's edit of the table counts at once. */
public final class CategoryList {
    private final List<Category> categories;

    private CategoryList(List<Category> categories) {
        this.categories = categories;
    }

    public static CategoryList read(SqlSession s) {
        return new CategoryList(s.getMapper(CategoryMapper.class).names().stream().map(Category::new).toList());
    }

    public List<Category> all() {
        return categories;
    }

    /** The category of that exact name (as stored: no width- or space-folding), if listed. */
    public Optional<Category> find(String word) {
        if (word == null) {
            return Optional.empty();
        }
        String name = word.strip();
        return categories.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** 「基础设施、环境卫生、…」 for a refusal that says what would work. */
    public String allowedWords() {
        return String.join("、", categories.stream().map(Category::name).toList());
    }
}
