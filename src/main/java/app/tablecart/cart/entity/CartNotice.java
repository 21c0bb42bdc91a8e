package app.tablecart.cart.entity;

import app.tablecart.auth.entity.Diner;
import app.tablecart.menu.entity.CuisineDTO;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** Who did what to produce the cart's current version; kept with the cart so every channel tells the same story. */
@Embeddable
public class CartNotice {

    @Enumerated(EnumType.STRING)
    @Column(name = "notice_action")
    private CartAction action;

    @Column(name = "notice_user_id")
    private Long userId;

    @Column(name = "notice_nickname")
    private String nickname;

    @Column(name = "notice_cuisine_id")
    private Long cuisineId;

    @Column(name = "notice_cuisine")
    private String cuisineName;

    @Column(name = "notice_quantity")
    private Integer quantity;

    protected CartNotice() {}

    CartNotice(CartAction action, Diner by, Long cuisineId, String cuisineName, Integer quantity) {
        this.action = action;
        this.userId = by.userId();
        this.nickname = by.nickname();
        this.cuisineId = cuisineId;
        this.cuisineName = cuisineName;
        this.quantity = quantity;
    }

    /** The toast the table sees, e.g. "Alice added Kung Pao Chicken ×2". */
    public String sentence() {
        return switch (action) {
            case ADDED -> nickname + " added " + cuisineName + " ×" + quantity;
            case UPDATED -> nickname + " changed " + cuisineName + " to ×" + quantity;
            case REMOVED -> nickname + " removed " + cuisineName;
            case CLEARED -> nickname + " cleared the cart";
            case SUBMITTED -> nickname + " sent the order to the kitchen";
            case SOLD_OUT, BACK_ON_MENU -> CuisineDTO.availabilityNews(cuisineName, action == CartAction.BACK_ON_MENU);
        };
    }

    public CartAction getAction() {
        return action;
    }

    public Long getUserId() {
        return userId;
    }

    public String getNickname() {
        return nickname;
    }

    public Long getCuisineId() {
        return cuisineId;
    }

    public Integer getQuantity() {
        return quantity;
    }
}
