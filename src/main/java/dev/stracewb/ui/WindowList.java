package dev.stracewb.ui;


/**
 * A window of at most {@link EventsView#WINDOW} entries of a {@link RowIndexList}: what the events table really
 * holds. JavaFX's VirtualFlow walks its items to place the viewport (linear in the item count on every layout),
 * so a table of millions of rows stutters; a table of a window does not, and the events view moves the window
 * under a scroll bar that spans the whole list.
 */
final class WindowList extends RowList {
    private final RowIndexList rows;
    private final int base;
    private int size;

    WindowList(RowIndexList rows, int base, int size) {
        this.rows = rows;
        this.base = base;
        this.size = size;
    }

    int base() {
        return base;
    }

    RowIndexList rows() {
        return rows;
    }

    @Override
    public Integer get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return rows.rowAt(base + index);
    }

    @Override
    public int size() {
        return size;
    }

    /** The window reaches the end of the list and the list grew: show the new entries (up to the window's size). */
    void growTo(int newSize) {
        if (newSize <= size) {
            return;
        }
        int old = size;
        size = newSize;
        beginChange();
        nextAdd(old, newSize);
        endChange();
    }

    /** The window position of a store row, or -1 when it is outside the window or filtered out. */
    @Override
    int positionOf(int row) {
        int p = rows.positionOf(row);
        return p >= base && p < base + size ? p - base : -1;
    }
}
