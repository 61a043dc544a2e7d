package dev.stracewb.ui;


import java.util.Arrays;

/**
 * The events table's items: store row numbers, not events. Either every row {@code 0..size-1} (nothing held
 * at all) or the sorted rows a filter matched (one int each). Cells read their values from the store by row,
 * so ten million rows cost at most forty megabytes here and nothing per event object.
 */
final class RowIndexList extends RowList {
    private int[] rows;
    private int size;

    private RowIndexList(int[] rows, int size) {
        this.rows = rows;
        this.size = size;
    }

    /** Every store row below {@code size}. */
    static RowIndexList all(int size) {
        return new RowIndexList(null, size);
    }

    /** The first {@code count} entries of {@code rows}, ascending. */
    static RowIndexList of(int[] rows, int count) {
        return new RowIndexList(rows, count);
    }

    boolean isAll() {
        return rows == null;
    }

    @Override
    public Integer get(int index) {
        return rowAt(index);
    }

    int rowAt(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return rows == null ? index : rows[index];
    }

    @Override
    public int size() {
        return size;
    }

    /** For an all-rows list: the store grew to {@code newSize}. */
    void growTo(int newSize) {
        if (rows != null || newSize <= size) {
            return;
        }
        int old = size;
        size = newSize;
        beginChange();
        nextAdd(old, newSize);
        endChange();
    }

    /** For a filtered list: more matching rows, all above the last one held. */
    void append(int[] more, int count) {
        if (rows == null || count == 0) {
            return;
        }
        if (size + count > rows.length) {
            rows = Arrays.copyOf(rows, Math.max(size + count, rows.length + (rows.length >> 1) + 16));
        }
        System.arraycopy(more, 0, rows, size, count);
        int old = size;
        size += count;
        beginChange();
        nextAdd(old, size);
        endChange();
    }

    /** The list position of a store row, or -1 when the filter hides it. */
    @Override
    int positionOf(int row) {
        if (rows == null) {
            return row >= 0 && row < size ? row : -1;
        }
        int i = Arrays.binarySearch(rows, 0, size, row);
        return i >= 0 ? i : -1;
    }

    /** The last store row held, or -1. */
    int lastRow() {
        return size == 0 ? -1 : rowAt(size - 1);
    }
}
