package app.tablecart.menu.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;

/** A menu entry as clients see it. */
@JsonbPropertyOrder({"id", "storeId", "name", "type", "imageUrl", "unitPrice", "available"})
public record CuisineDTO(
        long id, long storeId, String name, int type, String imageUrl, BigDecimal unitPrice, boolean available) {

    /** What the tables are told when a dish is sold out or back. */
    public static String availabilityNews(String name, boolean available) {
        return name + (available ? " is available again" : " is sold out");
    }

    public String availabilityNews() {
        return availabilityNews(name, available);
    }

    public static CuisineDTO of(Cuisine cuisine) {
        return new CuisineDTO(
                cuisine.getId(),
                cuisine.getStoreId(),
                cuisine.getName(),
                cuisine.getType().code(),
                cuisine.getImageUrl(),
                cuisine.getUnitPrice(),
                cuisine.isAvailable());
    }
}
