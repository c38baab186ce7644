// SQLite, for the benchmark only: the durable queue is compared with a WAL database
// with synchronous=FULL storing the same bytes on the same disk.
#include <sqlite3.h>
