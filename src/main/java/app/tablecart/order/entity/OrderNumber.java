package app.tablecart.order.entity;

import java.time.Instant;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The order number rule of seed 001: the submitter's user id, the 13-digit millisecond timestamp, four random digits.
 * It has more digits than a JavaScript number holds exactly, so it always travels as a string.
 */
public final class OrderNumber {

    static final int ATTEMPTS_PER_MILLISECOND = 20;

    private OrderNumber() {}

    /**
     * A number no order has yet: on a collision (same user, same millisecond, same four digits) it draws again, and
     * after {@value #ATTEMPTS_PER_MILLISECOND} draws moves on to the next millisecond.
     */
    public static String next(long userId, Instant now, RandomGenerator random, Predicate<String> taken) {
        long millis = now.toEpochMilli();
        while (true) {
            for (int attempt = 0; attempt < ATTEMPTS_PER_MILLISECOND; attempt++) {
                String candidate = format(userId, millis, random.nextInt(10_000));
                if (!taken.test(candidate)) {
                    return candidate;
                }
            }
            millis++;
        }
    }

    static String format(long userId, long millis, int fourDigits) {
        return userId + String.format("%013d%04d", millis, fourDigits);
    }
}
