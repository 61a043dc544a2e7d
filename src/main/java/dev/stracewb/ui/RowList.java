package dev.stracewb.ui;

import javafx.collections.ObservableListBase;

/**
 * A list of store rows, each at most once, so a row's position answers {@code indexOf} without a scan:
 * TableView calls it for every selection change, and a linear search over millions of rows would stall the FX
 * thread.
 */
abstract class RowList extends ObservableListBase<Integer> {

    /** The position of a store row in this list, or -1. */
    abstract int positionOf(int row);

    @Override
    public int indexOf(Object o) {
        return o instanceof Integer r ? positionOf(r) : -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        return indexOf(o);
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }
}
