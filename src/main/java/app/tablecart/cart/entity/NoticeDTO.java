package app.tablecart.cart.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** Who did what: {@code {userId, nickname, action, cuisineId, quantity}}. */
@JsonbPropertyOrder({"userId", "nickname", "action", "cuisineId", "quantity"})
public record NoticeDTO(Long userId, String nickname, String action, Long cuisineId, Integer quantity) {

    static NoticeDTO of(CartNotice notice) {
        return notice == null
                ? null
                : new NoticeDTO(
                        notice.getUserId(),
                        notice.getNickname(),
                        notice.getAction().word(),
                        notice.getCuisineId(),
                        notice.getQuantity());
    }
}
