package app.tablecart.it;

import app.tablecart.it.support.ServerConsole;
import app.tablecart.it.support.Tokens;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other IT class of the run (src/test/resources/junit-platform.properties orders classes by
 * {@link Order}): the consoles of all servers of the run (the Arquillian ones, captured from the test JVM's stdout,
 * and the ones tests started themselves) contain no token the run used, no other JWT and no join code - and do
 * contain the servers' start-up lines, so the check cannot pass by seeing nothing.
 */
@Order(Integer.MAX_VALUE)
class ServerLogIT {

    @Test
    void noServerConsoleOfThisRunContainsATokenOrAJoinCode() {
        ServerConsole.assertNoSecrets(Tokens.used(), Tokens.joinCodes());
    }
}
