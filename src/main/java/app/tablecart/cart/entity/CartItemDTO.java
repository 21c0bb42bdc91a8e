package app.tablecart.cart.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;

/** A cart line as the seed's clients read it (field names are the wire contract). */
@JsonbPropertyOrder({"cuisineId", "cuisineName", "cuisineType", "cuisineImage", "unitPrice", "quantity",
    "subtotalAmount", "addUserId", "addUserPhone", "remark"})
public record CartItemDTO(long cuisineId, String cuisineName, int cuisineType, String cuisineImage,
        BigDecimal unitPrice, int quantity, BigDecimal subtotalAmount, Long addUserId, String addUserPhone,
        String remark) {

    static CartItemDTO of(CartLine line) {
        var cuisine = line.getCuisine();
        return new CartItemDTO(cuisine.getId(), cuisine.getName(), cuisine.getType().code(), cuisine.getImageUrl(),
                cuisine.getUnitPrice(), line.getQuantity(), line.subtotal(), line.getAddUserId(),
                line.getAddUserPhone(), line.getRemark());
    }
}
