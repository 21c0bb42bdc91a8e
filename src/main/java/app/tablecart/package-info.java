/**
 * tablecart: everyone at a restaurant table orders from one shared cart, live. Features ({@code auth}, {@code table},
 * {@code menu}, {@code cart}, {@code order}) stand on {@code platform}, each in {@code boundary} (what the outside calls),
 * {@code control} (the logic) and {@code entity} (what is stored and sent); they talk across through CDI events or a
 * small public service, never through another feature's boundary. {@code realtime} is the live transport, {@code live}
 * wires the features to it, {@code demo} loads two restaurants. {@code HouseRulesTest} keeps it so.
 */
package app.tablecart;
