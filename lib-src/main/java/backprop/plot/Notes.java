package backprop.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Short remarks written on a picture when the data could not be drawn as given, e.g.
 * "train loss: 3 NaN/Inf values not drawn (gaps)". Package-private.
 */
final class Notes {

    private final List<String> lines = new ArrayList<>();

    void add(String line) {
        if (!lines.contains(line)) {
            lines.add(line);
        }
    }

    /** Adds blank lines until there are {@code n}, so that panels side by side keep the same plot height. */
    void padTo(int n) {
        while (lines.size() < n) {
            lines.add(" ".repeat(lines.size() + 1));
        }
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    List<String> lines() {
        // at most three lines on an image; the rest are summarised
        if (lines.size() <= 3) {
            return List.copyOf(lines);
        }
        List<String> out = new ArrayList<>(lines.subList(0, 2));
        out.add("... and " + (lines.size() - 2) + " more series with values not drawn");
        return out;
    }

    @Override
    public String toString() {
        return String.join("; ", lines);
    }
}
