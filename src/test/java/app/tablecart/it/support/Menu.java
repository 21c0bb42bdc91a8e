package app.tablecart.it.support;

import jakarta.json.JsonObject;
import java.util.List;

/** A store's menu as the API lists it; tests pick cuisines from it instead of hard-coding ids. */
public record Menu(int storeId, List<JsonObject> cuisines) {

    public static Menu of(Api api, int storeId) {
        return new Menu(storeId, api.cuisines(storeId).getValuesAs(JsonObject.class));
    }

    public JsonObject cuisine(int index) {
        return cuisines.get(index);
    }

    public long id(int index) {
        return Jsons.longValue(cuisine(index), "id");
    }

    public String name(int index) {
        return cuisine(index).getString("name");
    }

    public int size() {
        return cuisines.size();
    }

    /** The demo layout: tables 1..20 belong to store 1, 21..40 to store 2. */
    public static int storeOfTable(int tableId) {
        return tableId <= 20 ? 1 : 2;
    }
}
