package app.tablecart.order.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order as every channel sends it; {@code orderNo} is a string (more digits than a JavaScript number holds). */
@JsonbPropertyOrder({
    "orderNo",
    "storeId",
    "tableId",
    "tableNumber",
    "status",
    "items",
    "totalAmount",
    "totalQuantity",
    "submittedBy",
    "rejectReason",
    "createdAt",
    "updatedAt"
})
public record OrderDTO(
        String orderNo,
        long storeId,
        long tableId,
        String tableNumber,
        OrderStatus status,
        List<Item> items,
        BigDecimal totalAmount,
        int totalQuantity,
        Submitter submittedBy,
        String rejectReason,
        Instant createdAt,
        Instant updatedAt) {

    @JsonbPropertyOrder({
        "cuisineId",
        "cuisineName",
        "cuisineType",
        "unitPrice",
        "quantity",
        "subtotalAmount",
        "addUserId",
        "remark"
    })
    public record Item(
            long cuisineId,
            String cuisineName,
            int cuisineType,
            BigDecimal unitPrice,
            int quantity,
            BigDecimal subtotalAmount,
            Long addUserId,
            String remark) {}

    @JsonbPropertyOrder({"userId", "nickname"})
    public record Submitter(long userId, String nickname) {}

    public static OrderDTO of(Order order) {
        return new OrderDTO(
                order.getOrderNo(),
                order.getStoreId(),
                order.getTableId(),
                order.getTableNumber(),
                order.getStatus(),
                order.getLines().stream()
                        .map(line -> new Item(
                                line.getCuisineId(),
                                line.getCuisineName(),
                                line.getCuisineType(),
                                line.getUnitPrice(),
                                line.getQuantity(),
                                line.getSubtotal(),
                                line.getAddUserId(),
                                line.getRemark()))
                        .toList(),
                order.getTotalAmount(),
                order.getTotalQuantity(),
                new Submitter(order.getSubmittedBy(), order.getSubmittedByName()),
                order.getRejectReason(),
                order.getCreatedAt(),
                order.getUpdatedAt());
    }
}
