#ifndef REPORTLINT_CFILEIO_H
#define REPORTLINT_CFILEIO_H
#include <sys/types.h>
/* Starts writing back [offset, offset + length) of fd's dirty pages to disk without waiting (Linux
   sync_file_range with SYNC_FILE_RANGE_WRITE, which the Swift Glibc module does not expose). A large output
   written this way as it grows leaves little for the final fsync. Returns 0, or -1 with errno set (ignored by
   callers: it is only a head start). Elsewhere it does nothing. */
int rl_start_writeback(int fd, off_t offset, off_t length);

/* Swaps the files named a and b in one step (Linux renameat2 with RENAME_EXCHANGE): each name then names the
   other's file, and no moment exists where either name is missing. Returns 0, or -1 with errno set: EINVAL or
   ENOSYS where the filesystem or kernel cannot (callers rename instead). */
int rl_exchange_paths(const char *a, const char *b);
#endif
