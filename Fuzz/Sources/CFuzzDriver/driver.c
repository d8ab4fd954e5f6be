/* Intentionally empty: the header declares libFuzzer's LLVMFuzzerRunDriver for Swift. */
#include "CFuzzDriver.h"
