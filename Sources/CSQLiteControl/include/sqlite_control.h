#ifndef CHUANGYE_SQLITE_CONTROL_H
#define CHUANGYE_SQLITE_CONTROL_H

/* sqlite3_config and sqlite3_db_config are variadic, which Swift cannot call; these wrap the options we use. */
struct sqlite3;

/* Turns trigger execution on or off for one connection; returns SQLite's result code. Statements prepared
   before the change are re-prepared by SQLite. */
int cy_sqlite_enable_triggers(struct sqlite3 *db, int enabled);

/* Multi-thread mode: no mutex around every call on a connection (GRDB already lets one thread at a time use a
   connection). Must run before SQLite is first used; returns SQLite's result code (SQLITE_MISUSE if too late). */
int cy_sqlite_use_multithread_mode(void);

/* Lets file names of the form file:PATH?immutable=1 open a read-only copy (see AppDatabase.openImmutable). Must run
   before SQLite is first used; returns SQLite's result code. */
int cy_sqlite_accept_uri_filenames(void);

/* One chunk of encoded rows for the `cy_rows` virtual table (rows_table.c). Cell `row * columns + column` is
   described by kinds[cell] (CY_VALUE_*) and numbers[cell]: the integer, or for a UTF-8 text its offset in `text`
   (low 32 bits) and its length in bytes (the bits above). `rows` lists the `count` rows to read, in order. */
enum { CY_VALUE_NULL = 0, CY_VALUE_INTEGER = 1, CY_VALUE_TEXT = 2 };
typedef struct cy_chunk {
    int columns;
    int count;
    const int *rows;
    const unsigned char *kinds;
    const long long *numbers;
    const char *text;
} cy_chunk;

struct sqlite3_stmt;

/* Registers the eponymous virtual table `cy_rows(chunk)` on a connection; returns SQLite's result code. */
int cy_sqlite_register_rows(struct sqlite3 *db);

/* Binds a chunk to parameter `index` of a statement reading `cy_rows(?)`. The chunk must stay valid and
   unchanged until the statement is reset. */
int cy_sqlite_bind_chunk(struct sqlite3_stmt *statement, int index, const cy_chunk *chunk);

/* The number of columns `cy_rows` offers (c0 … c<n-1>). */
int cy_rows_max_columns(void);

#endif
