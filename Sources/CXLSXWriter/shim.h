#ifndef REPORTLINT_CXLSXWRITER_SHIM_H
#define REPORTLINT_CXLSXWRITER_SHIM_H
/* libxlsxwriter (Debian: libxlsxwriter-dev, pkg-config xlsxwriter) for Swift. */
#include <xlsxwriter.h>
#include <stdlib.h>
#include <string.h>

/* A list data validation ("drop-down") over a range. `items` is a NULL-terminated array of UTF-8 strings;
   libxlsxwriter copies the list, so the caller keeps ownership. */
static inline lxw_error cxlsx_list_validation(lxw_worksheet *ws, lxw_row_t first_row, lxw_col_t first_col,
                                              lxw_row_t last_row, lxw_col_t last_col, const char **items,
                                              const char *error_title, const char *error_message) {
    lxw_data_validation v;
    memset(&v, 0, sizeof v);
    v.validate = LXW_VALIDATION_TYPE_LIST;
    v.value_list = (char **)items;
    v.error_title = (char *)error_title;
    v.error_message = (char *)error_message;
    return worksheet_data_validation_range(ws, first_row, first_col, last_row, last_col, &v);
}

#endif
