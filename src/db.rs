//! Connecting to SQLite or PostgreSQL, and applying migrations.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};

/// The database, as one pool for reads and one for writes.
///
/// SQLite takes one writer at a time; a single writer connection queues the writes in the
/// pool instead of failing them with "database is locked", while readers run beside it
/// (WAL). On PostgreSQL both are the same pool.
#[derive(Clone, Debug)]
pub struct Db {
    pub read: DatabaseConnection,
    pub write: DatabaseConnection,
}

impl Db {
    /// Connects and migrates. `schema` selects a PostgreSQL schema other than `public`.
    pub async fn connect(url: &str, schema: Option<&str>) -> Result<Db, DbErr> {
        let db = if url.starts_with("sqlite:") {
            Db { read: connect_sqlite(url, 4).await?, write: connect_sqlite(url, 1).await? }
        } else {
            let mut options = ConnectOptions::new(url);
            options.max_connections(16).min_connections(1).acquire_timeout(Duration::from_secs(10)).sqlx_logging(false);
            if let Some(schema) = schema {
                options.set_schema_search_path(schema);
            }
            let pool = Database::connect(options).await?;
            Db { read: pool.clone(), write: pool }
        };
        Migrator::up(&db.write, None).await?;
        Ok(db)
    }

    pub fn backend(&self) -> DatabaseBackend {
        self.write.get_database_backend()
    }

    /// Starts a write transaction. On SQLite it takes the write lock at `BEGIN`, so a
    /// transaction never fails half-way to upgrade from reading to writing.
    pub async fn begin_write(&self) -> Result<DatabaseTransaction, DbErr> {
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        };
        self.write.begin_with_options(options).await
    }

    /// Whether the database answers, for `/readyz`.
    pub async fn ping(&self) -> bool {
        self.read.ping().await.is_ok()
    }
}

async fn connect_sqlite(url: &str, connections: u32) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(30))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                // An acknowledged pledge must survive a power cut.
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    Database::connect(options).await
}
