#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include "sqlite_control.h"

/* The virtual table `cy_rows(chunk)`: the rows of one cy_chunk, columns c0, c1, … as integers, texts or NULL.
   An import inserts a chunk with one INSERT … SELECT over it: SQLite opens the table's and indexes' cursors once
   per chunk instead of once per row, which was a third of its work per imported row. */

#define CY_ROWS_MAX_COLUMNS 96
static const char *const chunk_type = "cy_chunk";

typedef struct {
    sqlite3_vtab base;
} rows_vtab;

typedef struct {
    sqlite3_vtab_cursor base;
    const cy_chunk *chunk;
    int index;
} rows_cursor;

static int rows_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **err) {
    (void)aux; (void)argc; (void)argv; (void)err;
    char sql[CY_ROWS_MAX_COLUMNS * 6 + 64];
    size_t used = (size_t)snprintf(sql, sizeof sql, "CREATE TABLE x(");
    for (int i = 0; i < CY_ROWS_MAX_COLUMNS; i++) used += (size_t)snprintf(sql + used, sizeof sql - used, "c%d,", i);
    snprintf(sql + used, sizeof sql - used, "chunk HIDDEN)");
    int rc = sqlite3_declare_vtab(db, sql);
    if (rc != SQLITE_OK) return rc;
    rows_vtab *table = sqlite3_malloc(sizeof *table);
    if (!table) return SQLITE_NOMEM;
    memset(table, 0, sizeof *table);
    *out = &table->base;
    return SQLITE_OK;
}

static int rows_disconnect(sqlite3_vtab *table) {
    sqlite3_free(table);
    return SQLITE_OK;
}

/* Only a scan with the chunk given (`cy_rows(?)`) is possible. */
static int rows_best_index(sqlite3_vtab *table, sqlite3_index_info *info) {
    (void)table;
    for (int i = 0; i < info->nConstraint; i++) {
        const struct sqlite3_index_constraint *c = &info->aConstraint[i];
        if (c->iColumn == CY_ROWS_MAX_COLUMNS && c->op == SQLITE_INDEX_CONSTRAINT_EQ) {
            if (!c->usable) return SQLITE_CONSTRAINT;
            info->aConstraintUsage[i].argvIndex = 1;
            info->aConstraintUsage[i].omit = 1;
            info->estimatedCost = 1;
            info->estimatedRows = 256;
            return SQLITE_OK;
        }
    }
    return SQLITE_CONSTRAINT;
}

static int rows_open(sqlite3_vtab *table, sqlite3_vtab_cursor **out) {
    (void)table;
    rows_cursor *cursor = sqlite3_malloc(sizeof *cursor);
    if (!cursor) return SQLITE_NOMEM;
    memset(cursor, 0, sizeof *cursor);
    *out = &cursor->base;
    return SQLITE_OK;
}

static int rows_close(sqlite3_vtab_cursor *cursor) {
    sqlite3_free(cursor);
    return SQLITE_OK;
}

static int rows_filter(sqlite3_vtab_cursor *base, int plan, const char *planText, int argc, sqlite3_value **argv) {
    (void)plan; (void)planText;
    rows_cursor *cursor = (rows_cursor *)base;
    cursor->chunk = argc == 1 ? sqlite3_value_pointer(argv[0], chunk_type) : NULL;
    cursor->index = 0;
    return SQLITE_OK;
}

static int rows_next(sqlite3_vtab_cursor *base) {
    ((rows_cursor *)base)->index++;
    return SQLITE_OK;
}

static int rows_eof(sqlite3_vtab_cursor *base) {
    const rows_cursor *cursor = (const rows_cursor *)base;
    return cursor->chunk == NULL || cursor->index >= cursor->chunk->count;
}

static int rows_column(sqlite3_vtab_cursor *base, sqlite3_context *context, int column) {
    const rows_cursor *cursor = (const rows_cursor *)base;
    const cy_chunk *chunk = cursor->chunk;
    if (column >= chunk->columns) { sqlite3_result_null(context); return SQLITE_OK; }
    long cell = (long)chunk->rows[cursor->index] * chunk->columns + column;
    switch (chunk->kinds[cell]) {
    case CY_VALUE_INTEGER: sqlite3_result_int64(context, chunk->numbers[cell]); break;
    /* In place: the chunk outlives the statement step that reads it. */
    case CY_VALUE_TEXT: {
        long long packed = chunk->numbers[cell];
        sqlite3_result_text(context, chunk->text + (packed & 0xffffffffLL), (int)(packed >> 32), SQLITE_STATIC);
        break;
    }
    default: sqlite3_result_null(context);
    }
    return SQLITE_OK;
}

static int rows_rowid(sqlite3_vtab_cursor *base, sqlite3_int64 *rowid) {
    *rowid = ((const rows_cursor *)base)->index;
    return SQLITE_OK;
}

static sqlite3_module rows_module = {
    .iVersion = 0,
    .xConnect = rows_connect,
    .xBestIndex = rows_best_index,
    .xDisconnect = rows_disconnect,
    .xOpen = rows_open,
    .xClose = rows_close,
    .xFilter = rows_filter,
    .xNext = rows_next,
    .xEof = rows_eof,
    .xColumn = rows_column,
    .xRowid = rows_rowid,
};

int cy_sqlite_register_rows(struct sqlite3 *db) {
    return sqlite3_create_module(db, "cy_rows", &rows_module, NULL);
}

int cy_sqlite_bind_chunk(struct sqlite3_stmt *statement, int index, const cy_chunk *chunk) {
    return sqlite3_bind_pointer(statement, index, (void *)chunk, chunk_type, NULL);
}

int cy_rows_max_columns(void) { return CY_ROWS_MAX_COLUMNS; }
