package app.tablecart.auth.control;

import app.tablecart.platform.ApiException;
import app.tablecart.platform.Problem;
import app.tablecart.platform.SlidingWindow;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows down guessing of the secrets that open the service: table codes and staff passwords. Wrong guesses are
 * counted per address (codes and passwords) and per account (passwords); past the limit within the window, that
 * address or account is refused with 429 and told when to try again — even with the right secret, or the limit
 * would only slow a guesser down by the refusals.
 */
@ApplicationScoped
public class Guesses {

    @Inject
    @ConfigProperty(name = "tablecart.auth.join-failures")
    int codeFailures;

    @Inject
    @ConfigProperty(name = "tablecart.auth.join-window")
    Duration codeWindow;

    @Inject
    @ConfigProperty(name = "tablecart.auth.password-failures")
    int passwordFailures;

    @Inject
    @ConfigProperty(name = "tablecart.auth.password-failures-per-address")
    int passwordFailuresPerAddress;

    @Inject
    @ConfigProperty(name = "tablecart.auth.password-window")
    Duration passwordWindow;

    private SlidingWindow<String> wrongCodes;
    private SlidingWindow<String> wrongPasswordsOfAccount;
    private SlidingWindow<String> wrongPasswordsFromAddress;

    @PostConstruct
    void start() {
        wrongCodes = new SlidingWindow<>(codeFailures, codeWindow);
        wrongPasswordsOfAccount = new SlidingWindow<>(passwordFailures, passwordWindow);
        wrongPasswordsFromAddress = new SlidingWindow<>(passwordFailuresPerAddress, passwordWindow);
    }

    /** Refuses an address that has used up its wrong table codes. */
    public void requireCodeAllowed(String address) {
        refuseIfWaiting(wrongCodes.delay(address), "too many wrong table codes");
    }

    public void wrongCode(String address) {
        wrongCodes.record(address);
    }

    /** Refuses an account, or an address, that has used up its wrong passwords. */
    public void requirePasswordAllowed(String username, String address) {
        refuseIfWaiting(wrongPasswordsOfAccount.delay(username), "too many wrong passwords for this account");
        refuseIfWaiting(wrongPasswordsFromAddress.delay(address), "too many wrong passwords from this address");
    }

    public void wrongPassword(String username, String address) {
        wrongPasswordsOfAccount.record(username);
        wrongPasswordsFromAddress.record(address);
    }

    /** The right password: the account starts afresh (the address keeps its count). */
    public void rightPassword(String username) {
        wrongPasswordsOfAccount.forget(username);
    }

    private static void refuseIfWaiting(Duration wait, String what) {
        if (!wait.isZero()) {
            throw ApiException.tooMany(Problem.TOO_MANY_REQUESTS.code(), what, wait);
        }
    }
}
