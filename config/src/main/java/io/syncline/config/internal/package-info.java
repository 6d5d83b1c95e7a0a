/** Implementation of the configuration model; not API, may change without notice. */
package io.syncline.config.internal;
