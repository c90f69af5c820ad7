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

#endif
