#ifndef CXLSXWRITER_SHIM_H
#define CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>

// Swift cannot import function-like or typed macros; expose what the layouts need as functions.

/// A workbook in constant-memory mode: each row is written to a temporary file as soon as the next row starts,
/// so memory does not grow with the register (rows must then be written in order).
static inline lxw_workbook *cx_workbook_new_constant_memory(const char *path) {
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    return workbook_new_opt(path, &options);
}

static inline double cx_default_row_height(void) { return LXW_DEF_ROW_HEIGHT; }
#endif
