//! Where the inbox keeps envelopes, durably: SQLite by default (one file), PostgreSQL by
//! connection URL. Both keep one table, unique on (study, report id), so a replay is refused by
//! the database itself and nothing is stored twice.

use std::fmt;

/// What happened to an envelope offered to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// Newly stored.
    New,
    /// This very envelope was already stored (a retried upload): nothing changed.
    Duplicate,
    /// Another envelope with the same report id was already stored: refused.
    ReportIdReused,
}

/// A store that failed (unreachable, full, corrupt): the envelope was not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One stored envelope, as exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEnvelope {
    /// When it was received (milliseconds since the epoch).
    pub received_ms: i64,
    /// Its bytes.
    pub envelope: Vec<u8>,
}

/// One row of the store's table: an envelope under its study and report id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnvelopeRow<'a> {
    /// The study's id.
    pub study: &'a str,
    /// The report id, in hex.
    pub report_id: &'a str,
    /// The envelope's bytes.
    pub envelope: &'a [u8],
    /// When it was received (milliseconds since the epoch).
    pub received_ms: i64,
}

/// The inbox's durable storage: each database runs [`Store::add`], [`Store::envelope`] and
/// [`Store::export`] in its own dialect; [`Store::insert`] is written once over them.
pub trait Store {
    /// Adds `row` unless its (study, report id) is taken; whether it was added.
    fn add(&mut self, row: &EnvelopeRow<'_>) -> Result<bool, StoreError>;

    /// The envelope stored under (study, report id); asked right after [`Store::add`] found it
    /// taken, on the same connection.
    fn envelope(&mut self, study: &str, report_id: &str) -> Result<Vec<u8>, StoreError>;

    /// A study's envelopes, oldest first.
    fn export(&mut self, study: &str) -> Result<Vec<StoredEnvelope>, StoreError>;

    /// Stores an envelope unless its report id is already there.
    fn insert(
        &mut self,
        study: &str,
        report_id: &str,
        envelope: &[u8],
        received_ms: i64,
    ) -> Result<Stored, StoreError> {
        let row = EnvelopeRow {
            study,
            report_id,
            envelope,
            received_ms,
        };
        if self.add(&row)? {
            return Ok(Stored::New);
        }
        Ok(if self.envelope(study, report_id)? == envelope {
            Stored::Duplicate
        } else {
            Stored::ReportIdReused
        })
    }
}

/// Opens the store a URL names: `postgres://…` or `postgresql://…` for PostgreSQL, `sqlite:PATH`
/// or a plain path for SQLite.
pub fn open_store(url: &str) -> Result<Box<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Box::new(PostgresStore::connect(url)?))
    } else {
        let path = url.strip_prefix("sqlite:").unwrap_or(url);
        Ok(Box::new(SqliteStore::open(path)?))
    }
}

fn sqlite_error(error: rusqlite::Error) -> StoreError {
    StoreError(format!("SQLite: {error}"))
}

/// The SQLite store: one file, written through a write-ahead log, each insert committed before
/// the inbox answers.
pub struct SqliteStore {
    connection: rusqlite::Connection,
}

impl SqliteStore {
    /// Opens (or creates) the database file.
    pub fn open(path: &str) -> Result<SqliteStore, StoreError> {
        let connection = rusqlite::Connection::open(path).map_err(sqlite_error)?;
        connection
            .execute_batch(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = FULL;
                 CREATE TABLE IF NOT EXISTS envelopes (
                     study TEXT NOT NULL,
                     report_id TEXT NOT NULL,
                     envelope BLOB NOT NULL,
                     received_ms INTEGER NOT NULL,
                     PRIMARY KEY (study, report_id)
                 );",
            )
            .map_err(sqlite_error)?;
        Ok(SqliteStore { connection })
    }
}

impl Store for SqliteStore {
    fn add(&mut self, row: &EnvelopeRow<'_>) -> Result<bool, StoreError> {
        let inserted = self
            .connection
            .execute(
                "INSERT INTO envelopes (study, report_id, envelope, received_ms)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (study, report_id) DO NOTHING",
                rusqlite::params![row.study, row.report_id, row.envelope, row.received_ms],
            )
            .map_err(sqlite_error)?;
        Ok(inserted == 1)
    }

    fn envelope(&mut self, study: &str, report_id: &str) -> Result<Vec<u8>, StoreError> {
        self.connection
            .query_row(
                "SELECT envelope FROM envelopes WHERE study = ?1 AND report_id = ?2",
                rusqlite::params![study, report_id],
                |row| row.get(0),
            )
            .map_err(sqlite_error)
    }

    fn export(&mut self, study: &str) -> Result<Vec<StoredEnvelope>, StoreError> {
        let mut statement = self
            .connection
            .prepare(
                "SELECT received_ms, envelope FROM envelopes WHERE study = ?1
                 ORDER BY received_ms, report_id",
            )
            .map_err(sqlite_error)?;
        let rows = statement
            .query_map([study], |row| {
                Ok(StoredEnvelope {
                    received_ms: row.get(0)?,
                    envelope: row.get(1)?,
                })
            })
            .map_err(sqlite_error)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(sqlite_error)
    }
}

fn postgres_error(error: postgres::Error) -> StoreError {
    StoreError(format!("PostgreSQL: {error}"))
}

/// The PostgreSQL store, for studies with many participants.
pub struct PostgresStore {
    url: String,
    client: postgres::Client,
}

impl PostgresStore {
    /// Connects (without TLS: a database on the inbox's own host or private network) and creates
    /// the table if needed.
    pub fn connect(url: &str) -> Result<PostgresStore, StoreError> {
        let mut client = postgres::Client::connect(url, postgres::NoTls).map_err(postgres_error)?;
        client
            .batch_execute(
                "CREATE TABLE IF NOT EXISTS envelopes (
                     study TEXT NOT NULL,
                     report_id TEXT NOT NULL,
                     envelope BYTEA NOT NULL,
                     received_ms BIGINT NOT NULL,
                     PRIMARY KEY (study, report_id)
                 )",
            )
            .map_err(postgres_error)?;
        Ok(PostgresStore {
            url: url.to_owned(),
            client,
        })
    }

    /// Connects again when the server closed the connection (restarted, or failed over).
    fn reconnect_if_closed(&mut self) -> Result<(), StoreError> {
        if self.client.is_closed() {
            *self = PostgresStore::connect(&self.url)?;
        }
        Ok(())
    }
}

impl Store for PostgresStore {
    fn add(&mut self, row: &EnvelopeRow<'_>) -> Result<bool, StoreError> {
        self.reconnect_if_closed()?;
        let inserted = self
            .client
            .execute(
                "INSERT INTO envelopes (study, report_id, envelope, received_ms)
                 VALUES ($1, $2, $3, $4) ON CONFLICT (study, report_id) DO NOTHING",
                &[&row.study, &row.report_id, &row.envelope, &row.received_ms],
            )
            .map_err(postgres_error)?;
        Ok(inserted == 1)
    }

    fn envelope(&mut self, study: &str, report_id: &str) -> Result<Vec<u8>, StoreError> {
        let row = self
            .client
            .query_one(
                "SELECT envelope FROM envelopes WHERE study = $1 AND report_id = $2",
                &[&study, &report_id],
            )
            .map_err(postgres_error)?;
        row.try_get(0).map_err(postgres_error)
    }

    fn export(&mut self, study: &str) -> Result<Vec<StoredEnvelope>, StoreError> {
        self.reconnect_if_closed()?;
        let rows = self
            .client
            .query(
                "SELECT received_ms, envelope FROM envelopes WHERE study = $1
                 ORDER BY received_ms, report_id",
                &[&study],
            )
            .map_err(postgres_error)?;
        rows.iter()
            .map(|row| {
                Ok(StoredEnvelope {
                    received_ms: row.try_get(0).map_err(postgres_error)?,
                    envelope: row.try_get(1).map_err(postgres_error)?,
                })
            })
            .collect()
    }
}
