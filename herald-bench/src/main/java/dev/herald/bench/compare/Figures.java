package dev.herald.bench.compare;

import java.util.List;
import java.util.Locale;

/** The report's arithmetic and the way it writes numbers: medians, ratios, table cells, chart values. */
final class Figures {

    private Figures() {
    }

    /** The median; of an even count, the mean of the middle two. NaN for none. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static String cell(List<Double> values, boolean count) {
        if (values.isEmpty()) {
            return "–";
        }
        StringBuilder cell = new StringBuilder(count ? whole(median(values)) : number(median(values))).append(" (");
        for (int i = 0; i < values.size(); i++) {
            cell.append(i == 0 ? "" : ", ").append(count ? whole(values.get(i)) : number(values.get(i)));
        }
        return cell.append(')').toString();
    }

    static String ratio(double herald, double nchan) {
        if (Double.isNaN(herald) || Double.isNaN(nchan)) {
            return "–";
        }
        if (nchan == 0) {
            return herald == 0 ? "equal" : "–";
        }
        return String.format(Locale.ROOT, "%.2f ×", herald / nchan);
    }

    /** Thousands separated, one decimal below 100, none above. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return Math.abs(value) < 100 ? String.format(Locale.ROOT, "%,.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Whole seconds without decimals, others with one. */
    static String seconds(double value) {
        return value == Math.rint(value) ? whole(value) : number(value);
    }

    static String whole(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String plain(double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.3f", value);
    }
}
