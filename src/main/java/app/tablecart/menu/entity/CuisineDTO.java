package app.tablecart.menu.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;

/** A menu entry as clients see it. */
@JsonbPropertyOrder({"id", "storeId", "name", "type", "imageUrl", "unitPrice", "available"})
public record CuisineDTO(long id, long storeId, String name, int type, String imageUrl, BigDecimal unitPrice,
        boolean available) {

    public static CuisineDTO of(Cuisine cuisine) {
        return new CuisineDTO(cuisine.getId(), cuisine.getStoreId(), cuisine.getName(), cuisine.getType().code(),
                cuisine.getImageUrl(), cuisine.getUnitPrice(), cuisine.isAvailable());
    }
}
