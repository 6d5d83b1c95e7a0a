/**
 * An HTTP {@link io.syncline.spi.RecordSource} for JSON APIs: {@link io.syncline.http.HttpRecordSource}
 * built from {@link io.syncline.http.Endpoint} descriptions, with {@link io.syncline.http.Paginator}
 * strategies, a shared {@link io.syncline.http.RateGovernor} and {@link io.syncline.http.RetrySettings}.
 *
 * <p>Every type here is an immutable, thread-safe configuration value (builders excepted, which are
 * not thread-safe), except {@link io.syncline.http.RateGovernor}, which holds the pacing state
 * that the sources of one API share (thread-safe). Failsafe and Jackson are implementation details in
 * {@code io.syncline.http.internal}, which is not API.
 */
package io.syncline.http;
