package app.tablecart.auth.entity;

/**
 * The person behind a cart change: shown in the cart's notice ("Alice added …") and on the lines they added.
 *
 * @param userId tablecart's numeric user id
 * @param nickname how the table sees them
 * @param phone optional, shown on the lines they added (masked for other diners)
 */
public record Diner(Long userId, String nickname, String phone) {}
