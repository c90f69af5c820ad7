#ifndef CHUANGYE_SQLITE_CONTROL_H
#define CHUANGYE_SQLITE_CONTROL_H

/* sqlite3_db_config is variadic, which Swift cannot call; this wraps the one option the import needs. */
struct sqlite3;

/* Turns trigger execution on or off for one connection; returns SQLite's result code. Statements prepared
   before the change are re-prepared by SQLite. */
int cy_sqlite_enable_triggers(struct sqlite3 *db, int enabled);

#endif
