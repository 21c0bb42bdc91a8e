package app.tablecart;

import app.tablecart.menu.entity.Cuisine;
import app.tablecart.menu.entity.CuisineType;
import app.tablecart.table.entity.Store;
import java.lang.reflect.Field;
import java.math.BigDecimal;

/** Entities for unit tests, without a database. */
public final class Fixtures {

    private Fixtures() {}

    public static Cuisine dish(long id, Store store, String name, String price) {
        return withId(new Cuisine(store, name, CuisineType.SINGLE, null, new BigDecimal(price)), id);
    }

    /** Ids are the database's to give; a unit test sets them the way Hibernate does. */
    public static <T> T withId(T entity, long id) {
        try {
            Field field = entity.getClass().getDeclaredField("id");
            field.setAccessible(true);
            field.set(entity, id);
            return entity;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
