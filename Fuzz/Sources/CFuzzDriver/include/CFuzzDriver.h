#ifndef REPORTLINT_CFUZZDRIVER_H
#define REPORTLINT_CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>
/* libFuzzer's driver entry point (compiler-rt, LLVM >= 12). Linked from libclang_rt.fuzzer by -sanitize=fuzzer. */
typedef int (*reportlint_fuzz_callback)(const uint8_t *data, size_t size);
int LLVMFuzzerRunDriver(int *argc, char ***argv, reportlint_fuzz_callback callback);
#endif
