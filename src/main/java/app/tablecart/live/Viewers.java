package app.tablecart.live;

import app.tablecart.auth.entity.Caller;
import app.tablecart.realtime.Viewer;

/** What a live channel must know of a caller: the transport knows no tokens. */
final class Viewers {

    private Viewers() {}

    static Viewer of(Caller caller) {
        return new Viewer(
                caller.userId(),
                caller.nickname(),
                caller.isStaff(),
                caller.storeId(),
                caller.tableSession() == null ? 0 : caller.tableSession(),
                caller.expiresAt());
    }
}
