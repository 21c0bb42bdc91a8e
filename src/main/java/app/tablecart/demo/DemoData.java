package app.tablecart.demo;

import app.tablecart.auth.control.Passwords;
import app.tablecart.auth.entity.Staff;
import app.tablecart.cart.entity.Cart;
import app.tablecart.menu.entity.Cuisine;
import app.tablecart.menu.entity.CuisineType;
import app.tablecart.platform.SchemaMigration.DatabaseReady;
import app.tablecart.table.entity.DiningTable;
import app.tablecart.table.entity.Store;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads two stores into an empty database when {@code tablecart.demo=true}: tables A01–A20 each, and a menu of 24
 * dishes, and a staff account each ({@code sichuan} / {@code sichuan-demo}, {@code dimsum} / {@code dimsum-demo}). On a
 * fresh database the ids are predictable: store 1 has tables 1–20, store 2 has tables 21–40.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());
    private static final int TABLES_PER_STORE = 20;
    private static final String IMAGES = "https://images.tablecart.example/cuisine/";

    private record Dish(String name, CuisineType type, String price) {}

    private static final List<Dish> SICHUAN = List.of(
            new Dish("Kung Pao Chicken", CuisineType.SINGLE, "38.00"),
            new Dish("Mapo Tofu", CuisineType.SINGLE, "26.00"),
            new Dish("Twice-Cooked Pork", CuisineType.SINGLE, "42.00"),
            new Dish("Fish-Fragrant Eggplant", CuisineType.SINGLE, "28.00"),
            new Dish("Dan Dan Noodles", CuisineType.SINGLE, "18.00"),
            new Dish("Boiled Fish in Chili Oil", CuisineType.SINGLE, "68.00"),
            new Dish("Dry-Fried Green Beans", CuisineType.SINGLE, "24.00"),
            new Dish("Chongqing Spicy Chicken", CuisineType.SINGLE, "48.00"),
            new Dish("Sliced Beef in Chili Sauce", CuisineType.SINGLE, "52.00"),
            new Dish("Hot and Sour Soup", CuisineType.SINGLE, "16.00"),
            new Dish("Smashed Cucumber Salad", CuisineType.SINGLE, "12.00"),
            new Dish("Zhong Dumplings", CuisineType.SINGLE, "22.00"),
            new Dish("Wontons in Red Oil", CuisineType.SINGLE, "20.00"),
            new Dish("Sichuan Hot Pot for Two", CuisineType.SET_MEAL, "168.00"),
            new Dish("Tea-Smoked Duck", CuisineType.SINGLE, "58.00"),
            new Dish("Cumin Lamb", CuisineType.SINGLE, "56.00"),
            new Dish("Steamed Rice", CuisineType.SINGLE, "3.00"),
            new Dish("Brown Sugar Rice Cakes", CuisineType.SINGLE, "15.00"),
            new Dish("Sichuan Pepper Prawns", CuisineType.SINGLE, "78.00"),
            new Dish("Garlic Pea Shoots", CuisineType.SINGLE, "22.00"),
            new Dish("Lunch Set: Kung Pao Chicken, Rice, Soup", CuisineType.SET_MEAL, "45.00"),
            new Dish("Family Set for Four", CuisineType.SET_MEAL, "298.00"),
            new Dish("Plum Juice", CuisineType.SINGLE, "8.00"),
            new Dish("Jasmine Tea (pot)", CuisineType.SINGLE, "10.00"));

    private static final List<Dish> DIM_SUM = List.of(
            new Dish("Har Gow (shrimp dumplings)", CuisineType.SINGLE, "32.00"),
            new Dish("Siu Mai", CuisineType.SINGLE, "28.00"),
            new Dish("Char Siu Bao", CuisineType.SINGLE, "24.00"),
            new Dish("Cheung Fun with Shrimp", CuisineType.SINGLE, "30.00"),
            new Dish("Turnip Cake", CuisineType.SINGLE, "22.00"),
            new Dish("Chicken Feet in Black Bean Sauce", CuisineType.SINGLE, "20.00"),
            new Dish("Spring Rolls", CuisineType.SINGLE, "18.00"),
            new Dish("Egg Tarts", CuisineType.SINGLE, "16.00"),
            new Dish("Lotus Leaf Sticky Rice", CuisineType.SINGLE, "26.00"),
            new Dish("Xiao Long Bao", CuisineType.SINGLE, "34.00"),
            new Dish("Congee with Century Egg", CuisineType.SINGLE, "19.00"),
            new Dish("Beef Chow Fun", CuisineType.SINGLE, "38.00"),
            new Dish("Roast Duck (half)", CuisineType.SINGLE, "88.00"),
            new Dish("Steamed Spare Ribs", CuisineType.SINGLE, "24.00"),
            new Dish("Custard Buns", CuisineType.SINGLE, "21.00"),
            new Dish("Sesame Balls", CuisineType.SINGLE, "15.00"),
            new Dish("Mango Pudding", CuisineType.SINGLE, "14.00"),
            new Dish("Chinese Broccoli with Oyster Sauce", CuisineType.SINGLE, "23.00"),
            new Dish("Morning Dim Sum Set", CuisineType.SET_MEAL, "88.00"),
            new Dish("Dim Sum Feast for Two", CuisineType.SET_MEAL, "158.00"),
            new Dish("Yum Cha Set for Four", CuisineType.SET_MEAL, "288.00"),
            new Dish("Pu-erh Tea (pot)", CuisineType.SINGLE, "12.00"),
            new Dish("Chrysanthemum Tea (pot)", CuisineType.SINGLE, "12.00"),
            new Dish("Soy Milk", CuisineType.SINGLE, "6.00"));

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "tablecart.demo")
    boolean enabled;

    @Inject
    Passwords passwords;

    @Transactional
    void load(@Observes DatabaseReady ready) {
        if (!enabled) {
            return;
        }
        if (em.createQuery("select count(s) from Store s", Long.class).getSingleResult() > 0) {
            LOG.info("Demo data: the database already has stores; nothing loaded");
            return;
        }
        store("Sichuan House", SICHUAN, "sichuan");
        store("Dim Sum Garden", DIM_SUM, "dimsum");
        LOG.info("Demo data loaded: 2 stores, " + 2 * TABLES_PER_STORE + " tables, " + (SICHUAN.size() + DIM_SUM.size())
                + " cuisines, staff accounts sichuan and dimsum");
    }

    /** The demo staff member signs in as {@code username} with the password {@code <username>-demo}. */
    private void store(String name, List<Dish> menu, String username) {
        Store store = new Store(name);
        em.persist(store);
        em.persist(new Staff(store.getId(), username, passwords.hash((username + "-demo").toCharArray())));
        for (int n = 1; n <= TABLES_PER_STORE; n++) {
            DiningTable table = new DiningTable(store, String.format("A%02d", n));
            em.persist(table);
            em.persist(new Cart(table));
        }
        for (Dish dish : menu) {
            em.persist(new Cuisine(
                    store,
                    dish.name(),
                    dish.type(),
                    IMAGES + slug(dish.name()) + ".jpg",
                    new BigDecimal(dish.price())));
        }
    }

    private static String slug(String name) {
        return name.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }
}
