package app.tablecart.table.control;

import app.tablecart.auth.control.Guesses;
import app.tablecart.auth.control.SignIn;
import app.tablecart.auth.entity.Caller;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Text;
import app.tablecart.table.entity.DiningTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A diner joins a table by its code (what the table's QR code encodes) and gets a token for the table's current
 * session. Wrong codes are counted per address ({@link Guesses}).
 */
@ApplicationScoped
@Transactional
public class Joining {

    private static final Pattern PHONE = Pattern.compile("[0-9+\\- ]{3,20}");
    private static final int MAX_CODE = 64;

    @PersistenceContext
    EntityManager em;

    @Inject
    Guesses guesses;

    @Inject
    SignIn signIn;

    public SignIn.Session join(String code, String nickname, String phone, String address) {
        guesses.requireCodeAllowed(address);
        String name = Text.name(nickname == null ? "" : nickname, "nickname", Caller.MAX_NICKNAME);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw ApiException.badRequest("phone must be 3 to 20 digits (+, - and spaces allowed)");
        }
        String given = code == null ? "" : code.strip();
        List<DiningTable> tables = given.isEmpty()
                ? List.of()
                : em.createQuery("select t from DiningTable t where t.joinCode = :code", DiningTable.class)
                        .setParameter("code", Text.identifier(given, "tableCode", MAX_CODE))
                        .getResultList();
        if (tables.isEmpty()) {
            guesses.wrongCode(address);
            throw ApiException.notFound("no table with that code");
        }
        DiningTable table = tables.get(0);
        return signIn.diner(table.getStoreId(), table.getId(), table.getNumber(), table.getSession(), name, phone);
    }
}
