package app.tablecart.table.control;

import app.tablecart.auth.entity.Caller;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.SlidingWindow;
import app.tablecart.platform.Text;
import app.tablecart.table.entity.DiningTable;
import app.tablecart.table.entity.TableMessage;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Messages at a table, whichever channel they come from: who may send which kind, how long a text may be, and how
 * many a person may send a minute. A refused message reaches nobody. Nothing is stored: a message is for whoever is
 * connected now.
 */
@ApplicationScoped
public class TableMessages {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    @Inject
    TableAccess access;

    @Inject
    Event<TableMessage> sent;

    @Inject
    @ConfigProperty(name = "tablecart.message.max-length")
    int maxLength;

    @Inject
    @ConfigProperty(name = "tablecart.message.per-minute")
    int perMinute;

    private SlidingWindow<Long> quota;

    @PostConstruct
    void start() {
        quota = new SlidingWindow<>(perMinute, WINDOW);
    }

    /** Sends a message of the given type ({@code table_message}, {@code call_staff}, {@code staff_message}). */
    public TableMessage send(long tableId, String type, String text, Caller caller) {
        TableMessage.Kind kind = kind(type);
        if (kind.fromStaff() != caller.isStaff()) {
            throw ApiException.forbidden(
                    kind.fromStaff()
                            ? "only the store's staff send " + kind.type()
                            : "staff answer with staff_message, not " + kind.type());
        }
        String body = text(text);
        DiningTable table = access.requireTable(caller, tableId);
        Duration wait = quota.take(caller.userId());
        if (!wait.isZero()) {
            throw ApiException.tooMany(
                    "too_many_messages", "more than " + perMinute + " messages a minute; this one was not sent", wait);
        }
        TableMessage message = new TableMessage(
                kind,
                table.getStoreId(),
                tableId,
                table.getNumber(),
                new TableMessage.Sender(caller.userId(), caller.nickname(), caller.isStaff()),
                body,
                Instant.now());
        sent.fire(message);
        return message;
    }

    private static TableMessage.Kind kind(String type) {
        if (type == null) {
            throw ApiException.badRequest("type is required: table_message, call_staff or staff_message");
        }
        try {
            return TableMessage.Kind.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw ApiException.badRequest("type " + Text.quote(type) + " is not one of "
                    + Arrays.stream(TableMessage.Kind.values())
                            .map(TableMessage.Kind::type)
                            .toList());
        }
    }

    private String text(String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw ApiException.badRequest("text is required");
        }
        return Text.prose(body, "text", maxLength);
    }
}
