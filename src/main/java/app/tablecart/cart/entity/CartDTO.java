package app.tablecart.cart.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.util.List;

/**
 * The cart as every channel sends it: the seed's {@code CartDTO} fields plus {@code version} and {@code notice}.
 */
@JsonbPropertyOrder({"tableId", "tableNumber", "storeId", "items", "totalAmount", "totalQuantity", "version", "notice"})
public record CartDTO(
        long tableId,
        String tableNumber,
        long storeId,
        List<CartItemDTO> items,
        BigDecimal totalAmount,
        int totalQuantity,
        long version,
        NoticeDTO notice) {

    /** The same cart with every phone number masked, as diners see it; this one if no line has a phone. */
    public CartDTO withPhonesMasked() {
        if (items.stream().allMatch(item -> item.addUserPhone() == null)) {
            return this;
        }
        return new CartDTO(
                tableId,
                tableNumber,
                storeId,
                items.stream().map(CartItemDTO::withPhoneMasked).toList(),
                totalAmount,
                totalQuantity,
                version,
                notice);
    }

    public static CartDTO of(Cart cart) {
        var table = cart.getTable();
        return new CartDTO(
                table.getId(),
                table.getNumber(),
                table.getStoreId(),
                cart.getLines().stream().map(CartItemDTO::of).toList(),
                cart.totalAmount(),
                cart.totalQuantity(),
                cart.getVersion(),
                NoticeDTO.of(cart.getNotice()));
    }
}
