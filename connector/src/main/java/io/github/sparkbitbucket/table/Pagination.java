package io.github.sparkbitbucket.table;

/** How a list endpoint pages. */
public enum Pagination {
  /** {@code size}, {@code page}, {@code pagelen}, {@code next}: pages can be addressed by number. */
  PAGE_NUMBERED,
  /** Opaque {@code next} cursor only (commits): pages must be read in order. */
  CURSOR
}
