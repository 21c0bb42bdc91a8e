package app.tablecart.realtime;

/**
 * What a connection is shown of an event: diners see other diners' phone numbers masked, staff see them whole. An
 * event is made into wire form once per view, not once per connection.
 */
enum View {
    DINERS,
    STAFF;

    static View of(Viewer viewer) {
        return viewer.staff() ? STAFF : DINERS;
    }
}
