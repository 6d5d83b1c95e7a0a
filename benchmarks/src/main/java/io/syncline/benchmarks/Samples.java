package io.syncline.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The values one measurement took over its repetitions; reports their median. Not thread-safe.
 */
public final class Samples {
  private final List<Double> values = new ArrayList<>();

  /**
   * Adds a repetition's value.
   *
   * @param value the value
   * @return this
   */
  public Samples add(double value) {
    values.add(value);
    return this;
  }

  /** @return whether no value was added */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** @return the median (mean of the middle two for an even count); NaN when empty */
  public double median() {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** @return the smallest value; NaN when empty */
  public double min() {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  /** @return the largest value; NaN when empty */
  public double max() {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** @return how many values */
  public int count() {
    return values.size();
  }
}
