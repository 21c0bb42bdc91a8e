package app.tablecart.menu.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A single dish or a set meal; stored and sent as the seed's codes 1 and 2. */
public enum CuisineType {
    SINGLE(1),
    SET_MEAL(2);

    private final int code;

    CuisineType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static CuisineType of(int code) {
        for (CuisineType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("no cuisine type " + code);
    }

    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<CuisineType, Short> {

        @Override
        public Short convertToDatabaseColumn(CuisineType type) {
            return type == null ? null : (short) type.code;
        }

        @Override
        public CuisineType convertToEntityAttribute(Short code) {
            return code == null ? null : of(code);
        }
    }
}
