/** Small types every feature shares: typed input errors and keyset paging. */
package dev.hookbridge.common;
