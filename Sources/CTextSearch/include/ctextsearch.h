#ifndef REPORTLINT_CTEXTSEARCH_H
#define REPORTLINT_CTEXTSEARCH_H
#include <stddef.h>
/* glibc's memmem (two-way search), which the Swift Glibc module does not expose.
   Byte search on UTF-8 is safe: UTF-8 is self-synchronising, a match never starts mid-character. */
const void *rl_memmem(const void *haystack, size_t haystack_len, const void *needle, size_t needle_len);
/* glibc's memrchr (the last occurrence of a byte), likewise not exposed. */
const void *rl_memrchr(const void *s, int c, size_t n);
#endif
