package app.tablecart.cart.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;

/**
 * A cart line as the seed's clients read it (field names are the wire contract), plus {@code available}: false
 * while the dish is sold out, until the line is removed.
 */
@JsonbPropertyOrder({
    "cuisineId",
    "cuisineName",
    "cuisineType",
    "cuisineImage",
    "unitPrice",
    "quantity",
    "subtotalAmount",
    "addUserId",
    "addUserPhone",
    "remark",
    "available"
})
public record CartItemDTO(
        long cuisineId,
        String cuisineName,
        int cuisineType,
        String cuisineImage,
        BigDecimal unitPrice,
        int quantity,
        BigDecimal subtotalAmount,
        Long addUserId,
        String addUserPhone,
        String remark,
        boolean available) {

    /** {@code 13800138000} becomes {@code 138****8000}: enough to recognise one's own, not to call a stranger. */
    CartItemDTO withPhoneMasked() {
        if (addUserPhone == null) {
            return this;
        }
        String digits = addUserPhone;
        boolean longNumber = digits.length() >= 8;
        int keepStart = longNumber ? 3 : Math.min(1, digits.length());
        int keepEnd = longNumber ? 4 : digits.length() >= 3 ? 1 : 0;
        String masked = digits.substring(0, keepStart) + "****" + digits.substring(digits.length() - keepEnd);
        return new CartItemDTO(
                cuisineId,
                cuisineName,
                cuisineType,
                cuisineImage,
                unitPrice,
                quantity,
                subtotalAmount,
                addUserId,
                masked,
                remark,
                available);
    }

    static CartItemDTO of(CartLine line) {
        var cuisine = line.getCuisine();
        return new CartItemDTO(
                cuisine.getId(),
                cuisine.getName(),
                cuisine.getType().code(),
                cuisine.getImageUrl(),
                cuisine.getUnitPrice(),
                line.getQuantity(),
                line.subtotal(),
                line.getAddUserId(),
                line.getAddUserPhone(),
                line.getRemark(),
                cuisine.isAvailable());
    }
}
