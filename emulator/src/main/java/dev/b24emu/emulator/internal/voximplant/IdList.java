package dev.b24emu.emulator.internal.voximplant;

import java.util.Arrays;

/**
 * A sorted list of record IDs in a primitive array, optionally with a value per ID: the call statistics' records
 * and their equality indexes. Records arrive in ID order (almost: two finishes may hand their records over in the
 * other order) and leave from the oldest, so adding appends, removing the first moves a head, and the rare record
 * out of order is inserted in place. Not thread-safe: {@link CallStatistics} guards it.
 */
final class IdList {
    private long[] ids = new long[16];
    private Object[] values;
    /** the live IDs are ids[head, end) */
    private int head;
    private int end;

    IdList(boolean withValues) {
        values = withValues ? new Object[16] : null;
    }

    int size() {
        return end - head;
    }

    long id(int index) {
        return ids[head + index];
    }

    Object value(int index) {
        return values[head + index];
    }

    /** The position of an ID, or a negative number when it is not there. */
    int indexOf(long id) {
        int found = Arrays.binarySearch(ids, head, end, id);
        return found >= 0 ? found - head : -1;
    }

    /**
     * The position of an ID at or after position {@code from}, or a negative number: a galloping search, so walking a
     * sorted list of candidates through the records reads nearby memory instead of searching the whole list anew.
     */
    int indexOf(long id, int from) {
        int size = size();
        if (from >= size) {
            return -1;
        }
        int bound = 1;
        while (from + bound < size && ids[head + from + bound] < id) {
            bound <<= 1;
        }
        int found = Arrays.binarySearch(ids, head + from + (bound >> 1), head + Math.min(size, from + bound + 1), id);
        return found >= 0 ? found - head : -1;
    }

    /** The first position whose ID is at least {@code id}. */
    int lowerBound(long id) {
        int found = Arrays.binarySearch(ids, head, end, id);
        return (found >= 0 ? found : -found - 1) - head;
    }

    /** Adds an ID (replacing its value when it is there already). */
    void put(long id, Object value) {
        boolean inOrder = end == head || id > ids[end - 1];
        if (!inOrder) {
            int found = Arrays.binarySearch(ids, head, end, id);
            if (found >= 0) {
                if (values != null) {
                    values[found] = value;
                }
                return;
            }
        }
        room();
        int at = inOrder ? end : -Arrays.binarySearch(ids, head, end, id) - 1;
        System.arraycopy(ids, at, ids, at + 1, end - at);
        ids[at] = id;
        if (values != null) {
            System.arraycopy(values, at, values, at + 1, end - at);
            values[at] = value;
        }
        end++;
    }

    /** Makes room for one more ID at the end: moves the live IDs to the front, or grows the arrays. */
    private void room() {
        if (end < ids.length) {
            return;
        }
        int live = end - head;
        long[] target = head > 0 && live < ids.length / 2 ? ids : new long[Math.max(16, live * 2)];
        System.arraycopy(ids, head, target, 0, live);
        if (values != null) {
            Object[] targetValues = target == ids ? values : new Object[target.length];
            System.arraycopy(values, head, targetValues, 0, live);
            Arrays.fill(targetValues, live, targetValues.length, null);
            values = targetValues;
        }
        ids = target;
        head = 0;
        end = live;
    }

    boolean remove(long id) {
        int found = Arrays.binarySearch(ids, head, end, id);
        if (found < 0) {
            return false;
        }
        if (found == head) {
            if (values != null) {
                values[head] = null;
            }
            head++;
        } else {
            System.arraycopy(ids, found + 1, ids, found, end - found - 1);
            if (values != null) {
                System.arraycopy(values, found + 1, values, found, end - found - 1);
                values[end - 1] = null;
            }
            end--;
        }
        return true;
    }

    void clear() {
        head = 0;
        end = 0;
        if (values != null) {
            Arrays.fill(values, null);
        }
    }

    /** The IDs from position {@code from} (inclusive) to {@code to} (exclusive). */
    long[] range(int from, int to) {
        return Arrays.copyOfRange(ids, head + from, head + Math.max(from, to));
    }

    long[] toArray() {
        return range(0, size());
    }

    /** The IDs in both sorted arrays. */
    static long[] intersect(long[] a, long[] b) {
        long[] out = new long[Math.min(a.length, b.length)];
        int n = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                out[n++] = a[i];
                i++;
                j++;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
