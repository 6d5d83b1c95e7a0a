/**
 * The implementation behind {@link io.syncline.http.HttpRecordSource}: transport with
 * origin-scoped credentials, the Failsafe-based retry loop, the streaming page parser and the
 * paging logic. Not API: anything here may change without notice.
 */
package io.syncline.http.internal;
