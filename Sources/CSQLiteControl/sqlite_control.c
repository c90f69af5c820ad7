#include <sqlite3.h>
#include "sqlite_control.h"

int cy_sqlite_enable_triggers(struct sqlite3 *db, int enabled) {
    int now = -1;
    int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, enabled ? 1 : 0, &now);
    if (rc == SQLITE_OK && now != (enabled ? 1 : 0)) return SQLITE_ERROR;
    return rc;
}

int cy_sqlite_use_multithread_mode(void) {
    return sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
}

int cy_sqlite_accept_uri_filenames(void) {
    return sqlite3_config(SQLITE_CONFIG_URI, 1);
}
