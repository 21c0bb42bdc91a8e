/** The restaurant's floor: stores and their dining tables. */
package app.tablecart.table;
